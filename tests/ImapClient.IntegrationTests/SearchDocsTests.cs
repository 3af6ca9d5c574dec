namespace Imap.IntegrationTests;

/// <summary>The code of docs/search.md, compiled and run against Dovecot: keep the two the same.</summary>
[TestFixture]
public sealed class SearchDocsTests
{
    [Test]
    public async Task The_search_page_snippets_compile_and_run()
    {
        await using var client = await ClientFactory.LoginAsync();
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var query = (SearchQuery.Flagged | SearchQuery.Keyword(MessageFlag.Keyword("$Important")))
                & !SearchQuery.Deleted
                & SearchQuery.Since(new DateOnly(2024, 1, 1));
            Console.WriteLine(query); // OR FLAGGED KEYWORD $Important NOT DELETED SINCE 1-Jan-2024

            SelectedMailbox inbox = await client.ExamineAsync("INBOX");

            UidSet unseen = await inbox.SearchAsync(SearchQuery.Unseen & SearchQuery.From("example.org"));
            Console.WriteLine($"{unseen.Count} unseen: {unseen}"); // e.g. "412 unseen: 3:9,14,20:31,..."

            SearchResult stats = await inbox.SearchReturningAsync(
                SearchQuery.Larger(100_000),
                SearchReturnOptions.Min | SearchReturnOptions.Max | SearchReturnOptions.Count);
            Console.WriteLine($"{stats.Count} large messages, UIDs {stats.Min} to {stats.Max}");

            Task save = inbox.SearchAndSaveAsync(SearchQuery.Larger(20_000));
            Task<UidSet> seenAndLarge = inbox.SearchAsync(SearchQuery.SavedResult & SearchQuery.Seen);
            await save;
            Console.WriteLine(await seenAndLarge);

            IReadOnlyList<Uid> newestFirst = await inbox.SortAsync([SortCriterion.Arrival.Reversed()], SearchQuery.Unseen);
            IReadOnlyList<Uid> lastTen = newestFirst.Take(10).ToList();

            IReadOnlyList<MessageThread> threads = await inbox.ThreadAsync(ThreadAlgorithm.References, SearchQuery.All);
            foreach (MessageThread thread in threads.Take(3))
            {
                Console.WriteLine($"{thread.Uid}: {thread.Children.Count} direct replies");
            }

            Assert.That(query.ToString(), Is.EqualTo("OR FLAGGED KEYWORD $Important NOT DELETED SINCE 1-Jan-2024"), "the comment on the page");
            Assert.That(unseen.Count, Is.GreaterThan(0));
            Assert.That(stats.Count, Is.GreaterThan(0));
            Assert.That(lastTen, Has.Count.EqualTo(10));
            Assert.That(threads, Is.Not.Empty);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(output.ToString(), Does.Contain(" unseen: "));
    }
}
