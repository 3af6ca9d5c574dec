namespace Imap.Tests.Reconnect;

/// <summary>
/// Reconnecting after a drop (<see cref="ImapClientOptions.Reconnect"/>), against scripted servers: the exact bytes of
/// the second session (LOGIN, ENABLE, SELECT ... (QRESYNC ...)), the events, the mailbox object carried across, the
/// commands that wait, the backoff and the give-up path.
/// </summary>
public sealed class ReconnectTests
{
    private const string QResyncCapabilities = "IMAP4rev1 ENABLE CONDSTORE QRESYNC";
    private static readonly TimeSpan Wait = ReconnectHarness.Wait;

    [Test]
    public async Task After_a_drop_the_client_logs_in_enables_and_reselects_with_qresync_and_the_old_mailbox_follows()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync(QResyncCapabilities, enable: "QRESYNC");
        await using var _ = h;
        var selecting = h.Client.SelectAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "SELECT INBOX", exists: 10, uidValidity: 1700000000, modSeq: 500);
        var inbox = await selecting.WaitAsync(Wait);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();

        // A command in flight at the drop fails typed and transient, as without reconnecting.
        var pending = h.Client.NoopAsync();
        Assert.That((await first.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
        first.DropConnection();
        var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await pending.WaitAsync(Wait));
        Assert.That(error!.IsTransient, Is.True);
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());

        var second = await h.NextServerAsync();
        await ReconnectHarness.LogInAsync(second, QResyncCapabilities, "QRESYNC");
        await ReconnectHarness.AnswerSelectAsync(second, "SELECT INBOX (QRESYNC (1700000000 500))", exists: 9, uidValidity: 1700000000, modSeq: 520,
            extra: "* VANISHED (EARLIER) 3:4\r\n* 5 FETCH (UID 7 FLAGS (\\Seen) MODSEQ (510))\r\n");

        Assert.That(await NextAsync(events), Is.EqualTo(new MessagesVanished(UidSet.Parse("3:4"), Earlier: true)));
        var flags = (MessageFlagsChanged)await NextAsync(events);
        Assert.That((flags.SequenceNumber, flags.Uid, flags.Flags.ToString(), flags.ModSeq), Is.EqualTo((5u, (Uid?)new Uid(7), "(\\Seen)", (ulong?)510)));
        Assert.That(await NextAsync(events), Is.EqualTo(new MessageCountChanged(9)));
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(1, Resynchronised: true)));
        Assert.That(h.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(500) }), "one wait: half (the fixed jitter) of the first delay");

        // The object from before the drop is bound to the new selection.
        Assert.That((inbox.IsValid, inbox.Count, inbox.HighestModSeq, h.Client.Selected), Is.EqualTo((true, 9u, (ulong?)520, inbox)));
        Assert.That(h.Client.IsReconnecting, Is.False);
        var noop = inbox.NoopAsync();
        var command = await second.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"));
        await second.SendAsync($"* 10 EXISTS\r\n{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(inbox.Count, Is.EqualTo(10u));
        Assert.That(await NextAsync(events), Is.EqualTo(new MessageCountChanged(10)));
    }

    [Test]
    public async Task Commands_issued_while_reconnecting_wait_and_then_go_on_the_new_connection_after_the_setup()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync(QResyncCapabilities, enable: "QRESYNC");
        await using var _ = h;
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());
        Assert.That(h.Client.IsReconnecting, Is.True);

        var status = h.Client.NoopAsync();
        var second = await h.NextServerAsync();
        Assert.That(status.IsCompleted, Is.False);
        await ReconnectHarness.LogInAsync(second, QResyncCapabilities, "QRESYNC");

        // No mailbox was selected: nothing to select again; the waiting NOOP is the next command on the wire.
        var command = await second.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"));
        await second.SendAsync($"{command.Tag} OK done\r\n");
        await status.WaitAsync(Wait);
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(1, Resynchronised: false)));
        Assert.That(h.Client.EnabledExtensions, Is.EquivalentTo(new[] { "QRESYNC" }));
    }

    [Test]
    public async Task Without_qresync_the_mailbox_is_selected_plainly_read_only_as_before_and_a_resync_is_required()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1");
        await using var _ = h;
        var examining = h.Client.ExamineAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "EXAMINE INBOX", exists: 4, uidValidity: 42, modSeq: null);
        var inbox = await examining.WaitAsync(Wait);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());

        var second = await h.NextServerAsync();
        await ReconnectHarness.LogInAsync(second, "IMAP4rev1", enable: null);
        await ReconnectHarness.AnswerSelectAsync(second, "EXAMINE INBOX", exists: 6, uidValidity: 42, modSeq: null);

        Assert.That(await NextAsync(events), Is.EqualTo(new ResyncRequired("INBOX", UidValidityChanged: false)));
        Assert.That(await NextAsync(events), Is.EqualTo(new MessageCountChanged(6)));
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(1, Resynchronised: false)));
        Assert.That((inbox.IsValid, inbox.Count), Is.EqualTo((true, 6u)));
    }

    [Test]
    public async Task A_changed_uidvalidity_ends_the_old_mailbox_with_a_typed_error_and_says_so()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync(QResyncCapabilities, enable: "QRESYNC");
        await using var _ = h;
        var selecting = h.Client.SelectAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "SELECT INBOX", exists: 10, uidValidity: 100, modSeq: 500);
        var inbox = await selecting.WaitAsync(Wait);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());

        var second = await h.NextServerAsync();
        await ReconnectHarness.LogInAsync(second, QResyncCapabilities, "QRESYNC");
        await ReconnectHarness.AnswerSelectAsync(second, "SELECT INBOX (QRESYNC (100 500))", exists: 3, uidValidity: 200, modSeq: 7);

        Assert.That(await NextAsync(events), Is.EqualTo(new ResyncRequired("INBOX", UidValidityChanged: true)));
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(1, Resynchronised: false)));
        var error = Assert.Throws<UidValidityChangedException>(() => inbox.NoopAsync());
        Assert.That((error!.OldUidValidity, error.NewUidValidity, inbox.IsValid), Is.EqualTo((100u, 200u, false)));
        Assert.That(error.Message, Does.Contain("ImapClient.Selected"));
        var now = h.Client.Selected;
        Assert.That((now, now?.UidValidity, now?.Count), Is.EqualTo((now, (uint?)200, (uint?)3)));
        Assert.That(now, Is.Not.SameAs(inbox));
    }

    [Test]
    public async Task Refused_connections_back_off_exponentially_with_full_jitter_up_to_the_cap_then_the_client_gives_up()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1", maxAttempts: 4);
        await using var _ = h;
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        h.RefuseNext(4);
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());

        var failed = (ReconnectFailed)await NextAsync(events);
        Assert.That((failed.Attempts, failed.LastError), Is.EqualTo((4, failed.LastError)));
        Assert.That(failed.LastError, Is.TypeOf<IOException>());
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.False, "the events end after giving up");

        // 1 s, 2 s, 4 s capped at 3 s, 8 s capped at 3 s; each halved by the fixed jitter.
        Assert.That(h.Delays, Is.EqualTo(new[] { 0.5, 1, 1.5, 1.5 }.Select(TimeSpan.FromSeconds)));
        Assert.That((h.Attempts, h.Client.IsConnected, h.Client.IsReconnecting), Is.EqualTo((5, false, false)));
        var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await h.Client.NoopAsync().WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("gave up after 4"));
    }

    [Test]
    public async Task The_policy_is_asked_per_failure_and_refused_credentials_end_it_by_default()
    {
        var asked = new List<(int, string)>();
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1", shouldRetry: (attempt, e) =>
        {
            asked.Add((attempt, e.GetType().Name));
            return ReconnectPolicy.IsTransient(e);
        });
        await using var _ = h;
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        h.RefuseNext(1);
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());
        var waiting = h.Client.NoopAsync();

        var second = await h.NextServerAsync();
        await second.SendAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        var login = await second.ReadCommandAsync();
        Assert.That(login.Text, Is.EqualTo("LOGIN alice secret"));
        await second.SendAsync($"{login.Tag} NO [AUTHENTICATIONFAILED] wrong password\r\n");

        var failed = (ReconnectFailed)await NextAsync(events);
        Assert.That(failed.Attempts, Is.EqualTo(2));
        Assert.That(((ImapCommandException)failed.LastError).Code?.Kind, Is.EqualTo(ResponseCodeKind.AuthenticationFailed));
        Assert.That(asked, Is.EqualTo(new[] { (1, nameof(IOException)), (2, nameof(ImapCommandException)) }));
        var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await waiting.WaitAsync(Wait));
        Assert.That(error!.InnerException?.InnerException, Is.SameAs(failed.LastError), "the waiting command fails with the reason");
    }

    [Test]
    public async Task A_command_waits_for_the_link_no_longer_than_its_command_timeout()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1", commandTimeout: TimeSpan.FromMilliseconds(200));
        await using var _ = h;
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());
        var second = await h.NextServerAsync();

        // The new server never greets: the command gives up waiting, typed, without having been sent.
        Assert.ThrowsAsync<ImapTimeoutException>(async () => await h.Client.NoopAsync().WaitAsync(Wait));
        await ReconnectHarness.LogInAsync(second, "IMAP4rev1", enable: null);
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(1, Resynchronised: false)));
    }

    [Test]
    public async Task Logout_and_dispose_end_the_client_without_reconnecting()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1");
        await using var _ = h;
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        var logout = h.Client.LogoutAsync();
        var command = await first.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LOGOUT"));
        await first.SendAsync($"* BYE bye\r\n{command.Tag} OK done\r\n");
        await logout.WaitAsync(Wait);
        first.DropConnection();

        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.False, "no ConnectionLost: the events just end");
        Assert.That((h.Attempts, h.Client.IsReconnecting), Is.EqualTo((1, false)));
    }

    [Test]
    public async Task With_the_option_read_only_commands_pending_at_the_drop_run_again_on_the_new_connection_and_others_fail()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1", retryReadOnly: true);
        await using var _ = h;
        var selecting = h.Client.SelectAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "SELECT INBOX", exists: 2, uidValidity: 9, modSeq: null);
        var inbox = await selecting.WaitAsync(Wait);

        var status = h.Client.GetStatusAsync("Archive", StatusItems.Messages);
        var noop = inbox.NoopAsync();
        var sent = new[] { (await first.ReadCommandAsync()).Text, (await first.ReadCommandAsync()).Text };
        var create = h.Client.CreateMailboxAsync("New");
        Assert.That((await first.ReadCommandAsync()).Text, Is.EqualTo("CREATE New"));
        Assert.That(sent, Is.EquivalentTo(new[] { "STATUS Archive (MESSAGES)", "NOOP" }));
        first.DropConnection();

        var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await create.WaitAsync(Wait));
        Assert.That(error!.IsTransient, Is.True, "CREATE changes the server: it fails, the caller decides");
        var second = await h.NextServerAsync();
        await ReconnectHarness.LogInAsync(second, "IMAP4rev1", enable: null);
        await ReconnectHarness.AnswerSelectAsync(second, "SELECT INBOX", exists: 2, uidValidity: 9, modSeq: null);
        var again = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            var command = await second.ReadCommandAsync();
            again.Add(command.Text);
            await second.SendAsync((command.Text.StartsWith("STATUS", StringComparison.Ordinal) ? "* STATUS Archive (MESSAGES 3)\r\n" : string.Empty) + $"{command.Tag} OK done\r\n");
        }

        Assert.That(again, Is.EquivalentTo(new[] { "STATUS Archive (MESSAGES)", "NOOP" }));
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(3u));
        await noop.WaitAsync(Wait);
        await h.ExpectNothingBeforeNoopAsync(second);
    }

    [Test]
    public async Task A_new_connection_that_drops_during_the_login_counts_as_a_failed_attempt_and_the_next_one_succeeds()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync(QResyncCapabilities, enable: "QRESYNC");
        await using var _ = h;
        var selecting = h.Client.SelectAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "SELECT INBOX", exists: 10, uidValidity: 77, modSeq: 900);
        var inbox = await selecting.WaitAsync(Wait);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());

        var second = await h.NextServerAsync();
        await second.SendAsync($"* OK [CAPABILITY {QResyncCapabilities}] ready\r\n");
        Assert.That((await second.ReadCommandAsync()).Text, Is.EqualTo("LOGIN alice secret"));
        second.DropConnection();

        var third = await h.NextServerAsync();
        await ReconnectHarness.LogInAsync(third, QResyncCapabilities, "QRESYNC");
        await ReconnectHarness.AnswerSelectAsync(third, "SELECT INBOX (QRESYNC (77 900))", exists: 10, uidValidity: 77, modSeq: 900);
        Assert.That(await NextAsync(events), Is.EqualTo(new Reconnected(2, Resynchronised: true)), "nothing changed: no other event");
        Assert.That(h.Delays, Is.EqualTo(new[] { 0.5, 1 }.Select(TimeSpan.FromSeconds)));
        Assert.That(inbox.IsValid, Is.True);
        await h.ExpectNothingBeforeNoopAsync(third);
    }

    [Test]
    public async Task Disposing_while_reconnecting_stops_the_loop_and_fails_what_waits()
    {
        var (h, first) = await ReconnectHarness.ConnectAsync("IMAP4rev1");
        var selecting = h.Client.SelectAsync("INBOX");
        await ReconnectHarness.AnswerSelectAsync(first, "SELECT INBOX", exists: 1, uidValidity: 5, modSeq: null);
        var inbox = await selecting.WaitAsync(Wait);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        first.DropConnection();
        Assert.That(await NextAsync(events), Is.TypeOf<ConnectionLost>());
        _ = await h.NextServerAsync(); // never greets: the attempt waits for its greeting
        var waiting = h.Client.NoopAsync();

        await h.DisposeAsync().AsTask().WaitAsync(Wait);

        var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await waiting.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("closed while it was reconnecting"));
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.False);
        Assert.That((h.Client.IsReconnecting, inbox.IsValid, h.Attempts), Is.EqualTo((false, false, 2)));
    }

    [Test]
    public void Reconnecting_needs_credentials_and_a_sane_policy()
    {
        var options = new ImapClientOptions { Host = "imap.invalid", Reconnect = new ReconnectPolicy() };
        var error = Assert.ThrowsAsync<ArgumentException>(async () => await ImapClient.ConnectAsync(options));
        Assert.That(error!.Message, Does.Contain("Credentials"));
        var bad = new ImapClientOptions(options) { Credentials = ImapCredentials.Password("u", "p"), Reconnect = new ReconnectPolicy { MaxAttempts = 0 } };
        Assert.ThrowsAsync<ArgumentException>(async () => await ImapClient.ConnectAsync(bad));
    }

    private static async Task<MailboxEvent> NextAsync(IAsyncEnumerator<MailboxEvent> events)
    {
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True, "the events ended");
        return events.Current;
    }
}
