namespace Imap.Tests.Dispatch;

/// <summary>
/// Data thrown away for exceeding a limit must not look like success (issue 12): the command it may belong to fails
/// with <see cref="ImapLimitExceededException"/> after its tagged OK, the connection stays usable, and data no command
/// asked for is only reported.
/// </summary>
public sealed class DroppedDataTests
{
    private const int Limit = 1000;

    /// <summary>Past both the size at which literals are streamed (64 KiB) and <see cref="Limit"/>: thrown away as it arrives.</summary>
    private static readonly string Huge = new('x', 100_000);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "A LIST whose only entry had a name over the limit completed OK as an empty listing.")]
    public async Task A_list_entry_over_the_limit_fails_the_listing_and_a_following_command_works()
    {
        await using var h = await ConnectAsync();
        var list = h.Client.ListMailboxesAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* LIST () \"/\" {{{Huge.Length}}}\r\n{Huge}\r\n* LIST () \"/\" INBOX\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapLimitExceededException>(() => list.WaitAsync(Wait));

        Assert.That(error!.LimitName, Is.EqualTo("MaxLiteralSize"));
        Assert.That(error.Limit, Is.EqualTo(Limit));
        Assert.That(error.Message, Does.Contain("LIST response").And.Contain("100000 bytes").And.Contain("ImapLimits.MaxLiteralSize"));
        Assert.That(error.IsTransient, Is.False);
        await ExpectUsableAsync(h);
    }

    [Test(Description = "A FETCH whose envelope held a subject over the limit completed OK with the summary missing.")]
    public async Task A_fetch_item_over_the_limit_fails_the_fetch_after_the_rest_arrived_and_a_following_command_works()
    {
        await using var h = await ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:2"), FetchItems.Envelope);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            $"* 1 FETCH (UID 1 ENVELOPE (\"Mon, 1 Jan 2024 00:00:00 +0000\" {{{Huge.Length}}}\r\n{Huge} NIL NIL NIL NIL NIL NIL NIL NIL))\r\n" +
            "* 2 FETCH (UID 2 ENVELOPE (NIL \"fine\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n" +
            $"{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapLimitExceededException>(() => fetch.WaitAsync(Wait));

        Assert.That(error!.LimitName, Is.EqualTo("MaxLiteralSize"));
        Assert.That(error.Message, Does.Contain("FETCH response for UID 1"));
        await ExpectUsableAsync(h);
    }

    [Test]
    public async Task A_status_answer_over_the_limit_fails_the_status_with_the_limit()
    {
        await using var h = await ConnectAsync();
        var status = h.Client.GetStatusAsync("Big", StatusItems.Messages);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* STATUS {{{Huge.Length}}}\r\n{Huge} (MESSAGES 3)\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapLimitExceededException>(() => status.WaitAsync(Wait));

        Assert.That(error!.Message, Does.StartWith("STATUS completed, but a STATUS response was thrown away unread"));
        await ExpectUsableAsync(h);
    }

    [Test(Description = "A body too large to hold while its UID was unknown was lost, and the command blamed the server.")]
    public async Task A_body_too_large_to_hold_until_its_uid_arrives_fails_the_fetch_with_the_limit()
    {
        await using var h = await ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(5));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 FETCH (BODY[] {{{Huge.Length}}}\r\n{Huge} UID 5)\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapLimitExceededException>(() => body.WaitAsync(Wait));

        Assert.That(error!.LimitName, Is.EqualTo("MaxLiteralSize"));
        Assert.That(error.Limit, Is.EqualTo(Limit));
        await ExpectUsableAsync(h);
    }

    [Test]
    public async Task An_oversized_fetch_for_a_uid_nobody_asked_for_is_only_reported()
    {
        await using var h = await ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("2"), FetchItems.Envelope);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            $"* 9 FETCH (UID 9 ENVELOPE (NIL {{{Huge.Length}}}\r\n{Huge} NIL NIL NIL NIL NIL NIL NIL NIL))\r\n" +
            "* 2 FETCH (UID 2 ENVELOPE (NIL \"fine\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n" +
            $"{command.Tag} OK done\r\n");

        var summaries = await fetch.WaitAsync(Wait);

        Assert.That(summaries.Select(s => s.Envelope?.Subject), Is.EqualTo(new[] { "fine" }));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.InstanceOf<MalformedResponseSkipped>());
        Assert.That(((MalformedResponseSkipped)events.Current).Reason, Does.Contain("100000 bytes"));
    }

    [Test]
    public async Task A_listing_without_oversized_entries_still_succeeds_with_the_limit_in_place()
    {
        await using var h = await ConnectAsync();
        var list = h.Client.ListMailboxesAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* LIST () \"/\" {{5}}\r\nDraft\r\n* LIST () \"/\" INBOX\r\n{command.Tag} OK done\r\n");

        var names = (await list.WaitAsync(Wait)).Select(m => m.Name);

        Assert.That(names, Is.EqualTo(new[] { "Draft", "INBOX" }));
    }

    private static Task<ClientHarness> ConnectAsync() =>
        ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+", limits: ImapLimits.Default with { MaxLiteralSize = Limit });

    /// <summary>The stream stayed in sync: the connection is up, and a NOOP is the next command and completes.</summary>
    private static async Task ExpectUsableAsync(ClientHarness h)
    {
        Assert.That(h.Client.IsConnected, Is.True);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test(Description = "A tagged completion thrown away for an oversized literal left its command waiting for ever.")]
    public async Task A_completion_discarded_for_an_oversized_literal_still_fails_its_command()
    {
        await using var h = await ClientHarness.ConnectAsync(limits: ImapLimits.Default with { MaxLiteralSize = 1000 });
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        // Past the size at which literals are streamed and past the limit for values: thrown away as it arrives.
        await h.Server.SendAsync($"{command.Tag} OK [X-HUGE {{100000}}\r\n{new string('x', 100_000)}] done\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => noop.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.That(error!.Message, Does.Contain("100000"));
        Assert.That(h.Client.IsConnected, Is.True, "the stream stayed in sync");

        var next = h.Client.NoopAsync();
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{second.Tag} OK fine\r\n");
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
