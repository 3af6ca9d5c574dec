using System.Globalization;
using System.Text;
using Imap.Tests.Support;

namespace Imap.Tests.Dispatch;

/// <summary>The dispatcher against a scripted server: exact bytes in and out, pipelining, attribution, faults.</summary>
public sealed class DispatcherTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Greeting_capabilities_are_taken_and_no_capability_command_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ SASL-IR");

        Assert.That(h.Client.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "LITERAL+", "SASL-IR" }));
        Assert.That(h.Client.Capabilities.Contains("literal+"), Is.True, "capabilities compare ignoring case");
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test(Description = "The reader loop ran before the client listened, so what came right behind the greeting could be lost.")]
    public async Task What_the_server_sends_right_behind_the_greeting_reaches_the_client()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var (clientEnd, server) = ScriptedServer.Create();
            await using var _ = server;
            await server.SendAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+] Ready\r\n* OK [ALERT] Maintenance at noon\r\n* CAPABILITY IMAP4rev1 LITERAL+ MOVE\r\n");
            await using var client = await ImapClient.ConnectAsync(clientEnd, new ImapClientOptions { Host = "scripted.test", Security = ImapSecurity.InsecurePlaintext }).WaitAsync(Wait);

            await using var events = client.ReadEventsAsync().GetAsyncEnumerator();
            Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
            Assert.That(events.Current, Is.EqualTo(new ServerAlert("Maintenance at noon")), $"attempt {attempt}");

            // The capability response behind it was taken too: a NOOP round trip ends after the reader has passed it.
            var noop = client.NoopAsync();
            var command = await server.ReadCommandAsync();
            await server.SendAsync($"{command.Tag} OK done\r\n");
            await noop.WaitAsync(Wait);
            Assert.That(client.Capabilities.Contains("MOVE"), Is.True, $"attempt {attempt}");
        }
    }

    [Test]
    public async Task Independent_commands_are_pipelined_and_complete_out_of_order()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var first = h.Client.ExecuteAsync(Independent("X-ONE"));
        var second = h.Client.ExecuteAsync(Independent("X-TWO"));
        var third = h.Client.ExecuteAsync(Independent("X-THREE"));

        // All three reach the server before it answers any of them.
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        var c = await h.Server.ReadCommandAsync();
        Assert.That(new[] { a.Text, b.Text, c.Text }, Is.EqualTo(new[] { "X-ONE", "X-TWO", "X-THREE" }));

        await h.Server.SendAsync($"{c.Tag} OK third\r\n{a.Tag} NO first\r\n{b.Tag} BAD second\r\n");

        Assert.That((await third.WaitAsync(Wait)).Text, Is.EqualTo("third"));
        Assert.That((await first.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.No));
        Assert.That((await second.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.Bad));
    }

    [Test]
    public async Task A_thousand_concurrent_callers_each_get_their_own_completion()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var calls = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => h.Client.ExecuteAsync(Independent("X-N").Number((ulong)i))))
            .ToList();

        var commands = new List<ClientCommand>();
        for (int i = 0; i < 1000; i++)
        {
            commands.Add(await h.Server.ReadCommandAsync());
        }

        Assert.That(commands.Select(c => c.Tag).Distinct().Count(), Is.EqualTo(1000), "tags are unique");

        // Answer in reverse order; each completion text names the number its command carried.
        var answer = new StringBuilder();
        foreach (var command in Enumerable.Reverse(commands))
        {
            answer.Append(command.Tag).Append(" OK ").Append(command.Text).Append("\r\n");
        }

        await h.Server.SendAsync(answer.ToString());
        var results = await Task.WhenAll(calls).WaitAsync(Wait);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.That(results[i].Text, Is.EqualTo($"X-N {i}"));
        }
    }

    [TestCase("1:3", "2:5")]
    [TestCase("1:2", "4:5")]
    public async Task Two_pipelined_uid_fetches_with_interleaved_responses_each_get_their_own(string firstSet, string secondSet)
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var first = inbox.FetchListAsync(UidSet.Parse(firstSet), FetchItems.Flags);
        var second = inbox.FetchListAsync(UidSet.Parse(secondSet), FetchItems.Flags | FetchItems.Size);
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        Assert.That(a.Text, Is.EqualTo($"UID FETCH {firstSet} (UID FLAGS)"));
        Assert.That(b.Text, Is.EqualTo($"UID FETCH {secondSet} (UID FLAGS RFC822.SIZE)"));

        // Interleave: one response for each command in turn; overlapping UIDs come once per command, told apart by
        // the items each command asked for.
        var aUids = UidSet.Parse(firstSet).Select(u => u.Value).ToList();
        var bUids = UidSet.Parse(secondSet).Select(u => u.Value).ToList();
        var script = new StringBuilder();
        for (int i = 0; i < Math.Max(aUids.Count, bUids.Count); i++)
        {
            if (i < aUids.Count)
            {
                script.Append(CultureInfo.InvariantCulture, $"* {aUids[i]} FETCH (UID {aUids[i]} FLAGS (\\Seen))\r\n");
            }

            if (i < bUids.Count)
            {
                script.Append(CultureInfo.InvariantCulture, $"* {bUids[i]} FETCH (FLAGS (\\Flagged) UID {bUids[i]} RFC822.SIZE {1000 + bUids[i]})\r\n");
            }
        }

        script.Append(CultureInfo.InvariantCulture, $"{a.Tag} OK done\r\n{b.Tag} OK done\r\n");
        await h.Server.SendAsync(script.ToString());

        var firstResult = await first.WaitAsync(Wait);
        var secondResult = await second.WaitAsync(Wait);
        Assert.That(firstResult.Select(m => m.Uid.Value), Is.EqualTo(aUids));
        Assert.That(secondResult.Select(m => m.Uid.Value), Is.EqualTo(bUids));
        Assert.That(firstResult.All(m => m.HasFlag(MessageFlag.Seen)), Is.True);
        Assert.That(secondResult.All(m => m.HasFlag(MessageFlag.Flagged) && m.Size == 1000 + m.Uid.Value), Is.True);
    }

    [Test]
    public async Task Select_waits_for_commands_before_it_and_commands_after_it_wait_for_select()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var noop = h.Client.ExecuteAsync(Independent("X-BEFORE"));
        var before = await h.Server.ReadCommandAsync();
        var select = h.Client.SelectAsync("INBOX");
        var after = h.Client.ExecuteAsync(Independent("X-AFTER"));

        h.ExpectHeldBack("SELECT", "X-AFTER");
        await h.Server.SendAsync($"{before.Tag} OK\r\n");
        var selectCommand = await h.Server.ReadCommandAsync();
        Assert.That(selectCommand.Text, Is.EqualTo("SELECT INBOX"));
        h.ExpectHeldBack("X-AFTER");
        await h.Server.SendAsync($"* 3 EXISTS\r\n{selectCommand.Tag} OK [READ-WRITE] done\r\n");
        var afterCommand = await h.Server.ReadCommandAsync();
        Assert.That(afterCommand.Text, Is.EqualTo("X-AFTER"));
        await h.Server.SendAsync($"{afterCommand.Tag} OK\r\n");

        await noop.WaitAsync(Wait);
        Assert.That((await select.WaitAsync(Wait)).Count, Is.EqualTo(3));
        await after.WaitAsync(Wait);
    }

    [Test]
    public async Task A_sequence_number_command_waits_while_an_expunge_may_happen()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var noop = h.Client.NoopAsync();
        var noopCommand = await h.Server.ReadCommandAsync();
        var fetch = h.Client.ExecuteAsync(new ImapCommand("FETCH") { Traits = CommandTraits.UsesSequenceNumbers }.Set(SequenceSet.Parse("1:2")).Atom("FLAGS"));

        h.ExpectHeldBack("FETCH");
        await h.Server.SendAsync($"* 1 EXPUNGE\r\n{noopCommand.Tag} OK\r\n");
        var fetchCommand = await h.Server.ReadCommandAsync();
        Assert.That(fetchCommand.Text, Is.EqualTo("FETCH 1:2 FLAGS"));
        await h.Server.SendAsync($"{fetchCommand.Tag} OK\r\n");
        await Task.WhenAll(noop, fetch).WaitAsync(Wait);
    }

    [Test]
    public async Task A_no_fails_only_its_own_command()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = h.Client.ExamineAsync("Missing");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [NONEXISTENT] Mailbox doesn't exist: Missing\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => inbox.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("NONEXISTENT"));
        Assert.That(error.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(error.ResponseText, Is.EqualTo("Mailbox doesn't exist: Missing"));

        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Cancelled_before_it_was_written_a_command_is_never_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var barrier = h.Client.ExecuteAsync(new ImapCommand("X-BARRIER"));
        var barrierCommand = await h.Server.ReadCommandAsync();
        using var cancel = new CancellationTokenSource();
        var queued = h.Client.ExecuteAsync(Independent("X-CANCELLED"), cancel.Token);
        var later = h.Client.ExecuteAsync(Independent("X-LATER"));

        await cancel.CancelAsync();
        Assert.ThrowsAsync<TaskCanceledException>(() => queued.WaitAsync(Wait));
        await h.Server.SendAsync($"{barrierCommand.Tag} OK\r\n");

        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("X-LATER"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await Task.WhenAll(barrier, later).WaitAsync(Wait);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Cancelled_after_it_was_written_the_caller_is_released_and_the_connection_stays_usable()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        using var cancel = new CancellationTokenSource();
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:3"), FetchItems.Flags, cancel.Token);
        var sent = await h.Server.ReadCommandAsync();

        await cancel.CancelAsync();
        Assert.That(() => fetch.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());

        // The server goes on answering the abandoned command; its data is drained, not mistaken for anything else.
        await h.Server.SendAsync($"* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS ())\r\n{sent.Tag} OK\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_timeout_after_the_write_breaks_the_connection_and_fails_everything_pending()
    {
        await using var h = await ClientHarness.ConnectAsync(commandTimeout: TimeSpan.FromMilliseconds(300));
        var slow = h.Client.ExecuteAsync(Independent("X-SLOW"));
        var other = h.Client.ExecuteAsync(Independent("X-OTHER"));
        await h.Server.ReadCommandAsync();
        await h.Server.ReadCommandAsync();

        Assert.ThrowsAsync<ImapTimeoutException>(() => slow.WaitAsync(Wait));
        Assert.That(() => other.WaitAsync(Wait), Throws.InstanceOf<ImapException>());
        Assert.That(h.Client.IsConnected, Is.False);
        Assert.That(() => h.Client.NoopAsync().WaitAsync(Wait), Throws.InstanceOf<ImapException>());
    }

    [Test]
    public async Task An_unknown_tag_is_a_protocol_violation_that_fails_everything()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var pending = h.Client.ExecuteAsync(Independent("X-PENDING"));
        await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("Z999 OK who am I\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => pending.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.False);
    }

    [Test]
    public async Task An_unsolicited_bye_fails_everything_pending()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var pending = h.Client.ExecuteAsync(Independent("X-PENDING"));
        await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("* BYE Server shutting down\r\n");

        var error = Assert.ThrowsAsync<ImapConnectionException>(() => pending.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("Server shutting down"));
    }

    [Test]
    public async Task A_malformed_response_is_skipped_and_reported_and_the_command_completes()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var pending = h.Client.ExecuteAsync(Independent("X-PENDING"));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 7 EXISTS trailing junk\r\n{command.Tag} OK fine\r\n");

        Assert.That((await pending.WaitAsync(Wait)).Text, Is.EqualTo("fine"));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.InstanceOf<MalformedResponseSkipped>());
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_malformed_completion_fails_only_its_command()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var pending = h.Client.ExecuteAsync(Independent("X-PENDING"));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [UIDNEXT x] broken\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => pending.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_synchronizing_literal_waits_for_the_continuation_and_holds_back_other_commands()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var withLiteral = h.Client.ExecuteAsync(Independent("X-LIT").Text("two\r\nlines"));
        var other = h.Client.ExecuteAsync(Independent("X-OTHER"));

        var head = await h.Server.ReadCommandAsync();
        Assert.That(head.Text, Is.EqualTo("X-LIT {10}"));
        // The literal itself waits for the "+" (A_refused_literal_stops_the_command_without_sending_the_rest proves it
        // on the wire); the other command waits behind it.
        h.ExpectHeldBack("X-OTHER");
        await h.Server.SendAsync("+ go ahead\r\n");
        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(12)), Is.EqualTo("two\r\nlines\r\n"));
        var otherCommand = await h.Server.ReadCommandAsync();
        Assert.That(otherCommand.Text, Is.EqualTo("X-OTHER"));
        await h.Server.SendAsync($"{head.Tag} OK\r\n{otherCommand.Tag} OK\r\n");
        await Task.WhenAll(withLiteral, other).WaitAsync(Wait);
    }

    [Test]
    public async Task A_refused_literal_stops_the_command_without_sending_the_rest()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var withLiteral = h.Client.ExecuteAsync(Independent("X-LIT").Text("two\r\nlines"));
        var head = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{head.Tag} NO too big\r\n");

        Assert.That((await withLiteral.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.No));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
        _ = noop;
    }

    [Test]
    public async Task Literal_plus_is_sent_without_waiting()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var withLiteral = h.Client.ExecuteAsync(Independent("X-LIT").Text("a\r\nb"));

        Assert.That(await h.Server.ReadLineAsync(), Does.EndWith(" X-LIT {4+}"));
        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(6)), Is.EqualTo("a\r\nb\r\n"));
        _ = withLiteral;
    }

    [Test]
    public async Task Login_over_an_unencrypted_connection_is_refused_unless_cleartext_passwords_are_allowed()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        var client = await ImapClient.ConnectAsync(clientEnd, new ImapClientOptions { Host = "x", Security = ImapSecurity.ImplicitTls }).WaitAsync(Wait);
        await using var __ = client;

        Assert.That(() => client.LoginAsync("alice", "secret"), Throws.TypeOf<ImapAuthenticationException>());
        await server.ExpectNothingBeforeNoopAsync(client);
    }

    [Test]
    public async Task Login_is_refused_when_the_server_says_logindisabled()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LOGINDISABLED");

        Assert.That(() => h.Client.LoginAsync("alice", "secret"), Throws.InvalidOperationException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Login_takes_the_new_capabilities_from_the_ok()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 AUTH=PLAIN");
        var login = h.Client.LoginAsync("alice", "pa ss\"word");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LOGIN alice \"pa ss\\\"word\""));
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1 IDLE MOVE] Logged in\r\n");
        await login.WaitAsync(Wait);

        Assert.That(h.Client.IsAuthenticated, Is.True);
        Assert.That(h.Client.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "IDLE", "MOVE" }));
    }

    [Test]
    public async Task Authenticate_plain_without_sasl_ir_answers_the_empty_challenge()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 AUTH=PLAIN");
        var login = h.Client.AuthenticatePlainAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN"));
        await h.Server.SendAsync("+ \r\n");
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo(Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0secret"))));
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");
        await login.WaitAsync(Wait);
        Assert.That(h.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Authenticate_plain_with_sasl_ir_sends_the_response_inline()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 SASL-IR AUTH=PLAIN");
        var login = h.Client.AuthenticatePlainAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0secret"))));
        await h.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(h.Client.IsAuthenticated, Is.False);
    }

    [Test]
    public async Task Unsolicited_exists_expunge_and_flag_changes_update_the_mailbox_and_become_events()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 10);
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 EXPUNGE\r\n* 12 EXISTS\r\n* 4 FETCH (FLAGS (\\Seen) UID 44)\r\n* NO [ALERT] Disk almost full\r\n{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);

        var events = new List<MailboxEvent>();
        await foreach (var e in h.Client.ReadEventsAsync())
        {
            events.Add(e);
            if (events.Count == 4)
            {
                break;
            }
        }

        Assert.That(events, Is.EqualTo(new MailboxEvent[]
        {
            new MessageExpunged(3),
            new MessageCountChanged(12),
            events[2],
            new ServerAlert("Disk almost full"),
        }));
        var flags = (MessageFlagsChanged)events[2];
        Assert.That((flags.SequenceNumber, flags.Uid), Is.EqualTo((4u, (Uid?)new Uid(44))));
        Assert.That(flags.Flags.Select(f => f.Name), Is.EqualTo(new[] { "\\Seen" }));
        Assert.That(inbox.Count, Is.EqualTo(12));
    }

    [Test]
    public async Task The_old_mailbox_is_invalid_once_another_is_selected()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var first = await h.SelectInboxAsync();
        await h.SelectInboxAsync();

        Assert.That(first.IsValid, Is.False);
        Assert.That(() => first.FetchBodyBytesAsync(new Uid(1)), Throws.InvalidOperationException);
    }

    [Test]
    public async Task A_large_body_is_streamed_into_the_result()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(7));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 7 (UID BODY.PEEK[])"));

        var content = new byte[200_000];
        new Random(5).NextBytes(content);
        await h.Server.SendAsync($"* 3 FETCH (UID 7 BODY[] {{{content.Length}}}\r\n");
        for (int offset = 0; offset < content.Length; offset += 7000)
        {
            await h.Server.SendAsync(content.AsMemory(offset, Math.Min(7000, content.Length - offset)));
        }

        await h.Server.SendAsync($")\r\n{command.Tag} OK\r\n");
        Assert.That(await body.WaitAsync(Wait), Is.EqualTo(content));
    }

    private static ImapCommand Independent(string name) => new(name) { Traits = CommandTraits.None };
}
