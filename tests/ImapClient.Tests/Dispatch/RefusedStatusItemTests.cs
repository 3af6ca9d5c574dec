namespace Imap.Tests.Dispatch;

/// <summary>
/// A server that advertises APPENDLIMIT (RFC 7889) but answers BAD to it in STATUS and LIST-STATUS, as Cyrus 3.6 does:
/// the call is retried without it, and the connection leaves it out from then on.
/// </summary>
public sealed class RefusedStatusItemTests
{
    private const string Cyrus = "IMAP4rev1 LITERAL+ LIST-EXTENDED LIST-STATUS APPENDLIMIT=4294967295";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_status_refused_for_appendlimit_is_retried_without_it_and_later_ones_leave_it_out()
    {
        // Regression: Cyrus answered BAD to STATUS ... (APPENDLIMIT) and the call failed.
        await using var h = await ClientHarness.ConnectAsync(Cyrus);
        var first = h.Client.GetStatusAsync("INBOX", StatusItems.Messages | StatusItems.AppendLimit);

        var refused = await h.Server.ReadCommandAsync();
        Assert.That(refused.Text, Is.EqualTo("STATUS INBOX (MESSAGES APPENDLIMIT)"));
        await h.Server.SendAsync($"{refused.Tag} BAD Invalid Status attributes\r\n");
        var retry = await h.Server.ReadCommandAsync();
        Assert.That(retry.Text, Is.EqualTo("STATUS INBOX (MESSAGES)"));
        await h.Server.SendAsync($"* STATUS INBOX (MESSAGES 12)\r\n{retry.Tag} OK Completed\r\n");

        var status = await first.WaitAsync(Wait);
        Assert.That((status.Messages, status.AppendLimit), Is.EqualTo(((uint?)12, (long?)null)));

        var second = h.Client.GetStatusAsync("Sent", StatusItems.Messages | StatusItems.AppendLimit);
        var upFront = await h.Server.ReadCommandAsync();
        Assert.That(upFront.Text, Is.EqualTo("STATUS Sent (MESSAGES)"));
        await h.Server.SendAsync($"* STATUS Sent (MESSAGES 3)\r\n{upFront.Tag} OK Completed\r\n");
        Assert.That((await second.WaitAsync(Wait)).Messages, Is.EqualTo(3));
    }

    [Test]
    public async Task A_status_for_appendlimit_alone_after_it_was_refused_sends_nothing_and_reports_it_unknown()
    {
        await using var h = await ClientHarness.ConnectAsync(Cyrus);
        var first = h.Client.GetStatusAsync("INBOX", StatusItems.UidNext | StatusItems.AppendLimit);
        var refused = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{refused.Tag} BAD Invalid Status attributes\r\n");
        var retry = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* STATUS INBOX (UIDNEXT 7)\r\n{retry.Tag} OK\r\n");
        await first.WaitAsync(Wait);

        var status = await h.Client.GetStatusAsync("INBOX", StatusItems.AppendLimit).WaitAsync(Wait);
        Assert.That((status.Name, status.AppendLimit, status.Messages, status.UidNext), Is.EqualTo(("INBOX", (long?)null, (uint?)null, (uint?)null)));

        // The next command on the wire is the NOOP: the STATUS was never sent.
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task A_status_that_is_bad_without_appendlimit_too_fails_and_appendlimit_is_asked_again_later()
    {
        await using var h = await ClientHarness.ConnectAsync(Cyrus);
        var first = h.Client.GetStatusAsync("bad name", StatusItems.Messages | StatusItems.AppendLimit);
        var refused = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{refused.Tag} BAD Invalid mailbox name\r\n");
        var retry = await h.Server.ReadCommandAsync();
        Assert.That(retry.Text, Is.EqualTo("STATUS \"bad name\" (MESSAGES)"));
        await h.Server.SendAsync($"{retry.Tag} BAD Invalid mailbox name\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => first.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("STATUS", ImapStatus.Bad)));

        var second = h.Client.GetStatusAsync("INBOX", StatusItems.AppendLimit);
        var again = await h.Server.ReadCommandAsync();
        Assert.That(again.Text, Is.EqualTo("STATUS INBOX (APPENDLIMIT)"));
        await h.Server.SendAsync($"* STATUS INBOX (APPENDLIMIT 1000)\r\n{again.Tag} OK\r\n");
        Assert.That((await second.WaitAsync(Wait)).AppendLimit, Is.EqualTo(1000));
    }

    [Test]
    public async Task A_list_status_refused_for_appendlimit_is_listed_again_without_it_and_later_listings_leave_it_out()
    {
        // Regression: Cyrus answered BAD to LIST ... RETURN (STATUS (... APPENDLIMIT)) and the listing failed.
        await using var h = await ClientHarness.ConnectAsync(Cyrus);
        var options = new MailboxListOptions { Status = StatusItems.Messages | StatusItems.AppendLimit };
        var list = h.Client.ListMailboxesAsync(options);

        var refused = await h.Server.ReadCommandAsync();
        Assert.That(refused.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (STATUS (MESSAGES APPENDLIMIT))"));
        await h.Server.SendAsync($"{refused.Tag} BAD Invalid Status attributes\r\n");
        var retry = await h.Server.ReadCommandAsync();
        Assert.That(retry.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (STATUS (MESSAGES))"));
        await h.Server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 4)\r\n{retry.Tag} OK Completed\r\n");

        var result = (await list.WaitAsync(Wait)).Single();
        Assert.That((result.Name, result.Status?.Messages, result.Status?.AppendLimit), Is.EqualTo(("INBOX", (uint?)4, (long?)null)));

        var again = h.Client.ListMailboxesAsync(options);
        var upFront = await h.Server.ReadCommandAsync();
        Assert.That(upFront.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (STATUS (MESSAGES))"));
        await h.Server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 5)\r\n{upFront.Tag} OK\r\n");
        Assert.That((await again.WaitAsync(Wait)).Single().Status?.Messages, Is.EqualTo(5));
    }

    [Test]
    public async Task A_list_refused_with_bad_without_appendlimit_asked_fails_without_a_retry()
    {
        await using var h = await ClientHarness.ConnectAsync(Cyrus);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Messages });

        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD Invalid Status attributes\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => list.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("LIST", ImapStatus.Bad)));
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task Without_list_status_each_fallback_status_refused_for_appendlimit_is_retried_without_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 APPENDLIMIT");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Unseen | StatusItems.AppendLimit });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\""));
        await h.Server.SendAsync($"* LIST () \"/\" INBOX\r\n* LIST () \"/\" Sent\r\n{command.Tag} OK\r\n");
        var first = await h.Server.ReadCommandAsync();
        var second = await h.Server.ReadCommandAsync();
        Assert.That((first.Text, second.Text), Is.EqualTo(("STATUS INBOX (UNSEEN APPENDLIMIT)", "STATUS Sent (UNSEEN APPENDLIMIT)")));
        await h.Server.SendAsync($"{first.Tag} BAD Invalid Status attributes\r\n{second.Tag} BAD Invalid Status attributes\r\n");
        var retries = new[] { await h.Server.ReadCommandAsync(), await h.Server.ReadCommandAsync() };
        Assert.That(retries.Select(r => r.Text), Is.EquivalentTo(new[] { "STATUS INBOX (UNSEEN)", "STATUS Sent (UNSEEN)" }));
        // The two retries race each other onto the wire: answer each by what it asks.
        string TagOf(string text) => retries.Single(r => r.Text == text).Tag;
        await h.Server.SendAsync(
            $"* STATUS INBOX (UNSEEN 1)\r\n{TagOf("STATUS INBOX (UNSEEN)")} OK\r\n" +
            $"* STATUS Sent (UNSEEN 0)\r\n{TagOf("STATUS Sent (UNSEEN)")} OK\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(
            result.Select(m => (m.Name, m.Status?.Unseen, m.Status?.AppendLimit)),
            Is.EqualTo(new[] { ("INBOX", (uint?)1, (long?)null), ("Sent", (uint?)0, (long?)null) }));
    }
}
