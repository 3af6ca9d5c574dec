using System.Text.RegularExpressions;

namespace Imap.Tests.Dispatch;

/// <summary>CLOSE, UNSELECT (and its fallbacks), CHECK and NOOP on the selected mailbox, with exact bytes.</summary>
public sealed partial class SelectedStateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Close_sends_CLOSE_and_leaves_the_selected_state()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var close = inbox.CloseAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("CLOSE"));
        Assert.That(h.Client.Selected, Is.Null, "the mailbox is left as CLOSE goes on the wire");
        await h.Server.SendAsync($"{command.Tag} OK Close completed.\r\n");
        await close.WaitAsync(Wait);

        Assert.That(inbox.IsValid, Is.False);
        Assert.That(() => inbox.FetchBodyBytesAsync(new Uid(1)), Throws.InvalidOperationException);
        Assert.That(() => inbox.CloseAsync(), Throws.InvalidOperationException);
        Assert.That(() => inbox.NoopAsync(), Throws.InvalidOperationException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Close_refused_with_NO_fails_and_the_mailbox_counts_as_left()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var close = inbox.CloseAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [SERVERBUG] Could not expunge\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => close.WaitAsync(Wait));
        Assert.That(error!.Command, Is.EqualTo("CLOSE"));
        Assert.That(error.Code?.Name, Is.EqualTo("SERVERBUG"));
        Assert.That(h.Client.Selected, Is.Null);
        Assert.That(inbox.IsValid, Is.False);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Expunges_sent_by_a_server_during_close_change_nothing_after_it()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 10);

        var close = inbox.CloseAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 EXPUNGE\r\n{command.Tag} OK\r\n");
        await close.WaitAsync(Wait);

        Assert.That(inbox.Count, Is.EqualTo(10u), "CLOSE expunges silently; a closed mailbox takes no more updates");
    }

    [TestCase("CLOSE")]
    [TestCase("UNSELECT")]
    public async Task Commands_queued_behind_close_or_unselect_fail_unsent(string verb)
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UNSELECT");
        var inbox = await h.SelectInboxAsync();

        var first = inbox.FetchBodyBytesAsync(new Uid(1));
        var firstCommand = await h.Server.ReadCommandAsync();
        Assert.That(firstCommand.Text, Is.EqualTo("UID FETCH 1 (UID BODY.PEEK[])"));
        var leave = verb == "CLOSE" ? inbox.CloseAsync() : inbox.UnselectAsync();
        var fetch = inbox.FetchBodyBytesAsync(new Uid(2));
        var check = inbox.CheckAsync();
        h.ExpectHeldBack(verb, "UID FETCH", "CHECK");

        await h.Server.SendAsync($"* 1 FETCH (UID 1 BODY[] {{2}}\r\nab)\r\n{firstCommand.Tag} OK\r\n");
        Assert.That(await first.WaitAsync(Wait), Is.EqualTo("ab"u8.ToArray()));
        var leaveCommand = await h.Server.ReadCommandAsync();
        Assert.That(leaveCommand.Text, Is.EqualTo(verb));

        h.ExpectHeldBack("UID FETCH", "CHECK");
        await h.Server.SendAsync($"{leaveCommand.Tag} OK\r\n");
        await leave.WaitAsync(Wait);

        // Their turn comes after the barrier; they fail instead of running with no mailbox (or another one) selected.
        var fetchError = Assert.ThrowsAsync<InvalidOperationException>(() => fetch.WaitAsync(Wait));
        Assert.That(fetchError!.Message, Does.Contain("no longer the selected mailbox"));
        Assert.ThrowsAsync<InvalidOperationException>(() => check.WaitAsync(Wait));
        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.Selected, Is.Null);
    }

    [TestCase("IMAP4rev1 UNSELECT")]
    [TestCase("IMAP4rev1 IMAP4rev2")]
    public async Task Unselect_sends_UNSELECT_when_the_server_has_it(string capabilities)
    {
        await using var h = await ClientHarness.ConnectAsync(capabilities);
        var inbox = await h.SelectInboxAsync();

        var unselect = inbox.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UNSELECT"));
        await h.Server.SendAsync($"{command.Tag} OK Unselect completed.\r\n");
        await unselect.WaitAsync(Wait);

        Assert.That(h.Client.Selected, Is.Null);
        Assert.That(inbox.IsValid, Is.False);
    }

    [Test]
    public async Task Unselect_refused_with_BAD_fails_with_the_servers_answer()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UNSELECT");
        var inbox = await h.SelectInboxAsync();

        var unselect = inbox.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD No mailbox selected\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => unselect.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("UNSELECT", ImapStatus.Bad)));
        Assert.That(h.Client.Selected, Is.Null);
    }

    [Test]
    public async Task Without_UNSELECT_a_read_write_mailbox_is_left_by_examining_a_name_that_does_not_exist()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var inbox = await h.SelectInboxAsync();

        var unselect = inbox.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Does.Match(ProbePattern()), "never CLOSE, which would expunge");
        await h.Server.SendAsync($"* OK [CLOSED] Previous mailbox closed.\r\n{command.Tag} NO [NONEXISTENT] Mailbox doesn't exist\r\n");
        await unselect.WaitAsync(Wait);

        Assert.That(h.Client.Selected, Is.Null);
        Assert.That(inbox.IsValid, Is.False);
        Assert.That(h.Client.IsConnected, Is.True);

        // A second unselect uses a fresh name: the probe cannot be a mailbox someone created after seeing the first.
        var again = await h.SelectInboxAsync();
        var second = again.UnselectAsync();
        var secondCommand = await h.Server.ReadCommandAsync();
        Assert.That(secondCommand.Text, Does.Match(ProbePattern()));
        Assert.That(secondCommand.Text, Is.Not.EqualTo(command.Text));
        await h.Server.SendAsync($"{secondCommand.Tag} NO [NONEXISTENT] Mailbox doesn't exist\r\n");
        await second.WaitAsync(Wait);
    }

    [Test]
    public async Task The_examine_fallback_accepts_an_OK_since_a_read_only_mailbox_cannot_lose_messages()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();

        var unselect = inbox.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* FLAGS ()\r\n* 0 EXISTS\r\n* OK [UIDVALIDITY 5] x\r\n{command.Tag} OK [READ-ONLY] Examine completed.\r\n");
        await unselect.WaitAsync(Wait);

        Assert.That(h.Client.Selected, Is.Null);
        Assert.That(inbox.Count, Is.EqualTo(10u), "the probe's EXISTS is not news about the mailbox that was left");
    }

    [Test]
    public async Task The_examine_fallback_answered_BAD_fails()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();

        var unselect = inbox.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD Invalid mailbox name\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => unselect.WaitAsync(Wait));
        Assert.That(error!.Status, Is.EqualTo(ImapStatus.Bad));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Without_UNSELECT_a_read_only_mailbox_is_left_with_CLOSE_which_cannot_expunge_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var examine = h.Client.ExamineAsync("Archive");
        var examineCommand = await h.Server.ReadCommandAsync();
        Assert.That(examineCommand.Text, Is.EqualTo("EXAMINE Archive"));
        await h.Server.SendAsync($"* FLAGS (\\Seen)\r\n* 4 EXISTS\r\n{examineCommand.Tag} OK [READ-ONLY] Examine completed.\r\n");
        var archive = await examine.WaitAsync(Wait);
        Assert.That(archive.IsReadOnly, Is.True);

        var unselect = archive.UnselectAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("CLOSE"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await unselect.WaitAsync(Wait);
        Assert.That(h.Client.Selected, Is.Null);
    }

    [TestCase("IMAP4rev1", "CHECK")]
    [TestCase("IMAP4rev1 IMAP4rev2", "CHECK")]
    [TestCase("IMAP4rev2", "NOOP")]
    public async Task Check_sends_CHECK_except_to_a_server_that_speaks_only_IMAP4rev2(string capabilities, string expected)
    {
        await using var h = await ClientHarness.ConnectAsync(capabilities);
        var inbox = await h.SelectInboxAsync();

        var check = inbox.CheckAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(expected));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await check.WaitAsync(Wait);
        Assert.That(inbox.IsValid, Is.True);
    }

    [Test]
    public async Task Check_refused_fails_with_the_servers_answer()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var check = inbox.CheckAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD Unknown command\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => check.WaitAsync(Wait));
        Assert.That(error!.Command, Is.EqualTo("CHECK"));
        Assert.That(inbox.IsValid, Is.True);
    }

    [Test]
    public async Task Noop_on_the_mailbox_takes_the_news_it_brings()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 10);

        var noop = inbox.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"* 2 EXPUNGE\r\n* 12 EXISTS\r\n{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);

        Assert.That(inbox.Count, Is.EqualTo(12u));
    }

    [Test]
    public async Task A_mailbox_replaced_by_select_can_no_longer_be_closed()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var first = await h.SelectInboxAsync();
        var second = await h.SelectInboxAsync();

        Assert.That(() => first.CloseAsync(), Throws.InvalidOperationException);
        Assert.That(() => first.UnselectAsync(), Throws.InvalidOperationException);
        Assert.That(() => first.CheckAsync(), Throws.InvalidOperationException);
        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.Selected, Is.SameAs(second));
    }

    [GeneratedRegex("^EXAMINE ImapClient-unselect-[0-9a-f]{32}$")]
    private static partial Regex ProbePattern();

    [Test(Description = "With two SELECTs in flight the first result was never invalidated.")]
    public async Task Of_two_selects_only_the_last_stays_valid()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var a = h.Client.SelectAsync("A");
        var b = h.Client.SelectAsync("B");
        var first = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 EXISTS\r\n{first.Tag} OK [READ-WRITE] ok\r\n");
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 2 EXISTS\r\n{second.Tag} OK [READ-WRITE] ok\r\n");

        var mailboxA = await a.WaitAsync(Wait);
        var mailboxB = await b.WaitAsync(Wait);
        Assert.That(h.Client.Selected, Is.SameAs(mailboxB));
        Assert.That(mailboxA.IsValid, Is.False);
        Assert.That(mailboxB.IsValid, Is.True);
    }

    [Test(Description = "A SELECT cancelled before it was sent still invalidated the mailbox the server kept selected.")]
    public async Task A_select_cancelled_before_it_was_sent_keeps_the_old_mailbox()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var noop = h.Client.NoopAsync();
        var pending = await h.Server.ReadCommandAsync();
        using var cancel = new CancellationTokenSource();
        var select = h.Client.SelectAsync("Other", cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        Assert.That(() => select.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync($"{pending.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(inbox.IsValid, Is.True);
        Assert.That(h.Client.Selected, Is.SameAs(inbox));
    }

    [Test(Description = "A fetch queued for a mailbox behind a SELECT of another one ran against the new mailbox.")]
    public async Task A_fetch_queued_behind_a_select_of_another_mailbox_fails_unsent()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var noop = h.Client.NoopAsync();
        var pending = await h.Server.ReadCommandAsync();
        var select = h.Client.SelectAsync("Sent");
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:3"), FetchItems.Flags);
        var body = inbox.FetchBodyBytesAsync(new Uid(1));

        await h.Server.SendAsync($"{pending.Tag} OK\r\n");
        var selectCommand = await h.Server.ReadCommandAsync();
        Assert.That(selectCommand.Text, Is.EqualTo("SELECT Sent"));
        await h.Server.SendAsync($"* 0 EXISTS\r\n{selectCommand.Tag} OK [READ-WRITE] ok\r\n");
        await Task.WhenAll(noop, select).WaitAsync(Wait);

        Assert.That(() => fetch.WaitAsync(Wait), Throws.InvalidOperationException);
        Assert.That(() => body.WaitAsync(Wait), Throws.InvalidOperationException);
        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.IsConnected, Is.True);
    }
}
