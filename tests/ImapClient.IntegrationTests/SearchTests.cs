namespace Imap.IntegrationTests;

/// <summary>
/// SEARCH, SORT and THREAD against the real Dovecot, each answer checked against the mailbox's own data: a full FETCH
/// of every message, evaluated on the client side.
/// </summary>
[TestFixture]
public sealed class SearchTests
{
    private const FetchItems Everything = FetchItems.Flags | FetchItems.Size | FetchItems.InternalDate | FetchItems.Envelope;

    [Test]
    public async Task Flag_keys_match_the_flags_every_message_has()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;

        await ExpectAsync(inbox, SearchQuery.Seen, all, m => m.HasFlag(MessageFlag.Seen));
        await ExpectAsync(inbox, SearchQuery.Unseen, all, m => !m.HasFlag(MessageFlag.Seen));
        await ExpectAsync(inbox, SearchQuery.Answered, all, m => m.HasFlag(MessageFlag.Answered));
        await ExpectAsync(inbox, SearchQuery.Unflagged, all, m => !m.HasFlag(MessageFlag.Flagged));
        await ExpectAsync(inbox, SearchQuery.Keyword(MessageFlag.Keyword("$Label1")), all, m => m.HasFlag(MessageFlag.Keyword("$Label1")));
        await ExpectAsync(inbox, SearchQuery.Unkeyword(MessageFlag.Keyword("$Label1")), all, m => !m.HasFlag(MessageFlag.Keyword("$Label1")));
        Assert.That(all.Count(m => m.HasFlag(MessageFlag.Keyword("$Label1"))), Is.GreaterThan(0), "the generator wrote some keywords");
    }

    [Test]
    public async Task Size_and_date_keys_match_sizes_and_internal_dates()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        long median = all.Select(m => m.Size!.Value).Order().ElementAt(all.Count / 2);
        var middle = DateOnly.FromDateTime(all[all.Count / 2].InternalDate!.Value.DateTime);

        await ExpectAsync(inbox, SearchQuery.Larger(median), all, m => m.Size > median);
        await ExpectAsync(inbox, SearchQuery.Smaller(median), all, m => m.Size < median);
        await ExpectAsync(inbox, SearchQuery.Since(middle), all, m => Day(m) >= middle);
        await ExpectAsync(inbox, SearchQuery.Before(middle), all, m => Day(m) < middle);
        await ExpectAsync(inbox, SearchQuery.On(middle), all, m => Day(m) == middle);
    }

    [Test]
    public async Task Sent_dates_follow_the_date_header_within_a_day_of_time_zones()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        var middle = DateOnly.FromDateTime(all[all.Count / 3].Envelope!.Date!.Value.UtcDateTime);

        var found = await inbox.SearchAsync(SearchQuery.SentSince(middle));

        foreach (var m in all.Where(m => m.Envelope?.Date is not null))
        {
            var utcDay = DateOnly.FromDateTime(m.Envelope!.Date!.Value.UtcDateTime);
            if (utcDay > middle.AddDays(1))
            {
                Assert.That(found.Contains(m.Uid), Is.True, $"UID {m.Uid} sent {m.Envelope.Date}");
            }
            else if (utcDay < middle.AddDays(-1))
            {
                Assert.That(found.Contains(m.Uid), Is.False, $"UID {m.Uid} sent {m.Envelope.Date}");
            }
        }
    }

    [Test]
    public async Task Address_and_header_keys_match_the_envelope()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        string sender = all[0].Envelope!.From[0].EmailAddress;

        await ExpectAsync(inbox, SearchQuery.From(sender), all, m => m.Envelope!.From.Any(a => a.EmailAddress.Equals(sender, StringComparison.OrdinalIgnoreCase)));
        await ExpectAsync(inbox, SearchQuery.Header("List-Id", "dotnet-dev.lists.example.org"), all,
            m => m.Envelope!.Sender.Any(a => a.EmailAddress == "dotnet-dev-bounces@lists.example.org"));
    }

    [TestCase("квартал")]
    [TestCase("議事録")]
    [TestCase("Quarterly report")]
    public async Task Subject_search_in_any_script_matches_the_decoded_subjects(string term)
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;

        int matches = await ExpectAsync(inbox, SearchQuery.Subject(term), all, m => m.Envelope?.Subject?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);
        Assert.That(matches, Is.GreaterThan(0), "the generator wrote such subjects");
    }

    [Test]
    public async Task Or_not_uid_and_sequence_keys_combine_as_boolean_logic()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        var firstHundred = UidSet.FromRange(all[0].Uid, all[99].Uid);

        await ExpectAsync(inbox, (SearchQuery.Flagged | SearchQuery.Answered) & !SearchQuery.Seen, all,
            m => (m.HasFlag(MessageFlag.Flagged) || m.HasFlag(MessageFlag.Answered)) && !m.HasFlag(MessageFlag.Seen));
        await ExpectAsync(inbox, SearchQuery.Uids(firstHundred) & SearchQuery.Unseen, all, m => firstHundred.Contains(m.Uid) && !m.HasFlag(MessageFlag.Seen));

        var numbers = await inbox.SearchSequenceNumbersAsync(SearchQuery.SequenceNumbers(SequenceSet.FromRange(1, 50)) & SearchQuery.Seen);
        Assert.That(numbers.ToArray(), Is.EqualTo(all.Where(m => m.SequenceNumber <= 50 && m.HasFlag(MessageFlag.Seen)).Select(m => m.SequenceNumber).ToArray()));
    }

    [Test]
    public async Task Return_options_give_min_max_and_count_of_the_same_result()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        var expected = all.Where(m => !m.HasFlag(MessageFlag.Seen)).Select(m => m.Uid).ToList();

        var result = await inbox.SearchReturningAsync(SearchQuery.Unseen, SearchReturnOptions.Min | SearchReturnOptions.Max | SearchReturnOptions.Count);

        Assert.That(result.Min, Is.EqualTo(expected.Min()));
        Assert.That(result.Max, Is.EqualTo(expected.Max()));
        Assert.That(result.Count, Is.EqualTo(expected.Count));
        Assert.That(result.All, Is.Null);
    }

    [Test]
    public async Task Many_searches_at_once_each_get_their_own_answer()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        long[] sizes = [2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

        var results = await Task.WhenAll(sizes.Select(s => inbox.SearchAsync(SearchQuery.Larger(s))));

        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.That(results[i], Is.EqualTo(UidSet.Create(all.Where(m => m.Size > sizes[i]).Select(m => m.Uid))), $"LARGER {sizes[i]}");
        }
    }

    [Test]
    public async Task A_saved_result_is_used_by_a_search_pipelined_right_behind_it()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;

        var save = inbox.SearchAndSaveAsync(SearchQuery.Larger(20_000));
        var narrowed = inbox.SearchAsync(SearchQuery.SavedResult & SearchQuery.Seen);
        await save;

        Assert.That(await narrowed, Is.EqualTo(UidSet.Create(all.Where(m => m.Size > 20_000 && m.HasFlag(MessageFlag.Seen)).Select(m => m.Uid))));
    }

    [Test]
    public async Task Sort_by_size_and_reverse_arrival_order_as_the_rfc_says()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;

        var bySize = await inbox.SortAsync([SortCriterion.Size], SearchQuery.All);
        var newestFirst = await inbox.SortAsync([SortCriterion.Arrival.Reversed()], SearchQuery.Unseen);

        // Ties go by sequence number (RFC 5256 §3), ascending even under REVERSE.
        Assert.That(bySize, Is.EqualTo(all.OrderBy(m => m.Size).ThenBy(m => m.SequenceNumber).Select(m => m.Uid).ToArray()));
        Assert.That(newestFirst, Is.EqualTo(all.Where(m => !m.HasFlag(MessageFlag.Seen))
            .OrderByDescending(m => m.InternalDate!.Value.UtcDateTime).ThenBy(m => m.SequenceNumber).Select(m => m.Uid).ToArray()));
    }

    [Test]
    public async Task Threads_by_references_put_each_reply_under_the_message_it_answers()
    {
        var (client, inbox, all) = await OpenAsync();
        await using var _ = client;
        var byMessageId = all.Where(m => m.Envelope?.MessageId is not null).GroupBy(m => m.Envelope!.MessageId!).ToDictionary(g => g.Key, g => g.First().Uid);

        var threads = await inbox.ThreadAsync(ThreadAlgorithm.References, SearchQuery.All);

        var parents = new Dictionary<Uid, Uid?>();
        var stack = new Stack<(MessageThread Node, Uid? Parent)>(threads.Select(t => (t, (Uid?)null)));
        while (stack.Count > 0)
        {
            var (node, parent) = stack.Pop();
            if (node.Uid is { } uid)
            {
                Assert.That(parents.TryAdd(uid, parent), Is.True, $"UID {uid} appears once");
            }

            foreach (var child in node.Children)
            {
                stack.Push((child, node.Uid ?? parent));
            }
        }

        Assert.That(parents.Keys.Order(), Is.EqualTo(all.Select(m => m.Uid)), "every message is in exactly one thread");
        int replies = 0;
        foreach (var m in all)
        {
            if (m.Envelope?.InReplyTo is { } inReplyTo && byMessageId.TryGetValue(inReplyTo, out var parent))
            {
                Assert.That(parents[m.Uid], Is.EqualTo(parent), $"UID {m.Uid} replies to {parent}");
                replies++;
            }
        }

        Assert.That(replies, Is.GreaterThan(100), "the generator wrote threads");
    }

    private static DateOnly Day(MessageSummary m) => DateOnly.FromDateTime(m.InternalDate!.Value.DateTime);

    private static async Task<(ImapClient Client, SelectedMailbox Inbox, IReadOnlyList<MessageSummary> All)> OpenAsync()
    {
        var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        var all = (await inbox.FetchListAsync(UidSet.All, Everything)).OrderBy(m => m.Uid).ToList();
        Assert.That(all, Has.Count.GreaterThanOrEqualTo(DovecotFixture.InboxMessages));
        return (client, inbox, all);
    }

    private static async Task<int> ExpectAsync(SelectedMailbox inbox, SearchQuery query, IReadOnlyList<MessageSummary> all, Func<MessageSummary, bool> matches)
    {
        var expected = UidSet.Create(all.Where(matches).Select(m => m.Uid));
        var found = await inbox.SearchAsync(query);
        Assert.That(found, Is.EqualTo(expected), query.ToString());
        return (int)expected.Count;
    }
}
