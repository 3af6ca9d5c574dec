namespace Imap.Tests.Dispatch;

/// <summary>
/// An untagged response that breaks the grammar is skipped as a unit (the framing holds), but it must not look like
/// success: the command it may belong to fails with <see cref="ImapProtocolException"/> after its tagged OK instead
/// of returning a result with the entry missing, and the connection stays usable. What no command asked for is only
/// reported.
/// </summary>
public sealed class UnreadableDataTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "A search whose ESEARCH answer could not be read returned a count of zero, as if nothing matched.")]
    public async Task An_unreadable_esearch_answer_fails_the_search()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ ESEARCH");
        var inbox = await h.SelectInboxAsync();
        var search = inbox.SearchReturningAsync(SearchQuery.Unseen, SearchReturnOptions.Count);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ESEARCH (TAG \"{command.Tag}\") UID COUNT 4294967296\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => search.WaitAsync(Wait));

        Assert.That(error!.Message, Does.Contain("UID SEARCH completed").And.Contain("ESEARCH response").And.Contain("could not be read"));
        await ExpectUsableAsync(h);
    }

    [Test(Description = "A listing with an unreadable entry completed OK with the entry missing.")]
    public async Task An_unreadable_list_entry_fails_the_listing()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var list = h.Client.ListMailboxesAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* LIST (\\HasNoChildren \"/\" Archive\r\n* LIST () \"/\" INBOX\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => list.WaitAsync(Wait));

        Assert.That(error!.Message, Does.Contain("LIST response"));
        await ExpectUsableAsync(h);
    }

    [Test(Description = "A fetch with an unreadable FETCH response completed OK with the summary missing.")]
    public async Task An_unreadable_fetch_response_fails_the_fetch_that_may_own_it()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:2"), FetchItems.Flags);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 FETCH UID 1 FLAGS (\\Seen)\r\n* 2 FETCH (UID 2 FLAGS ())\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => fetch.WaitAsync(Wait));

        Assert.That(error!.Message, Does.Contain("FETCH response for message 1"));
        await ExpectUsableAsync(h);
    }

    [Test]
    public async Task An_unreadable_response_no_command_asked_for_is_only_reported()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("2"), FetchItems.Flags);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 4 EXISTS now\r\n* 2 FETCH (UID 2 FLAGS (\\Seen))\r\n{command.Tag} OK done\r\n");

        var summaries = await fetch.WaitAsync(Wait);

        Assert.That(summaries.Select(s => s.Uid), Is.EqualTo(new[] { new Uid(2) }));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.InstanceOf<MalformedResponseSkipped>());
    }

    /// <summary>The stream stayed in sync: the connection is up, and a NOOP is the next command and completes.</summary>
    private static async Task ExpectUsableAsync(ClientHarness h)
    {
        Assert.That(h.Client.IsConnected, Is.True);
        await h.ExpectNothingBeforeNoopAsync();
    }
}
