namespace Imap.Tests.Dispatch;

/// <summary>Regressions found in review of the dispatcher; each test names the bug it pins.</summary>
public sealed class ReviewRegressionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "A command queued while IDLE itself was still queued waited for IDLE's 29-minute re-issue timer.")]
    public async Task A_command_queued_behind_a_queued_idle_makes_it_step_aside_at_once()
    {
        await using var h = await ClientHarness.ConnectAsync();
        await h.SelectInboxAsync();
        var noop1 = h.Client.NoopAsync();
        var first = await h.Server.ReadCommandAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        var noop2 = h.Client.NoopAsync();
        await h.Server.SendAsync($"{first.Tag} OK\r\n");

        var idleCommand = await h.Server.ReadCommandAsync();
        Assert.That(idleCommand.Text, Is.EqualTo("IDLE"));
        await h.Server.SendAsync("+ idling\r\n");
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{idleCommand.Tag} OK\r\n");
        var second = await h.Server.ReadCommandAsync();
        Assert.That(second.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{second.Tag} OK\r\n");
        await Task.WhenAll(noop1, noop2).WaitAsync(Wait);
        await stop.CancelAsync();
        _ = idle;
    }

    [Test(Description = "When the server ended IDLE itself, the caller hung and a later command made the client send a stray DONE.")]
    public async Task Idle_ended_by_the_server_is_reissued_and_no_stray_done_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();
        await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");
        await Task.Delay(100);
        await h.Server.SendAsync($"{command.Tag} OK server ended idle\r\n");

        var again = await h.Server.ReadCommandAsync();
        Assert.That(again.Text, Is.EqualTo("IDLE"));
        var noop = h.Client.NoopAsync();
        await h.Server.SendAsync("+ idling\r\n");
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"), "exactly one DONE, for the running IDLE");
        await h.Server.SendAsync($"{again.Tag} OK\r\n");
        var noopCommand = await h.Server.ReadCommandAsync();
        Assert.That(noopCommand.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{noopCommand.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        await stop.CancelAsync();
        _ = idle;
    }

    [Test(Description = "CommandTimeout did not cover waiting for a continuation, so a silent server held the connection forever.")]
    public async Task The_command_timeout_covers_waiting_for_a_continuation()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1", TimeSpan.FromMilliseconds(300));
        var login = h.Client.LoginAsync("us er\u00e9", "pa\"ss\r");
        await h.Server.ReadLineAsync();

        Assert.ThrowsAsync<ImapTimeoutException>(() => login.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.False);
    }

    [Test(Description = "An IDLE the server never acknowledges ignored its cancellation; the command timeout now bounds it.")]
    public async Task Idle_without_a_continuation_ends_with_the_command_timeout()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 IDLE", TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        await h.Server.ReadCommandAsync();
        await stop.CancelAsync();

        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<ImapException>());
    }

    [Test(Description = "An unsolicited FETCH of flags for the same UID was taken as the body fetch's response and the body was lost.")]
    public async Task A_flags_fetch_for_the_same_uid_does_not_take_the_place_of_the_body()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(5));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 FETCH (UID 5 FLAGS (\\Seen))\r\n* 3 FETCH (UID 5 BODY[] {{5}}\r\nhello)\r\n{command.Tag} OK\r\n");

        Assert.That(await body.WaitAsync(Wait), Is.EqualTo("hello"u8.ToArray()));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.InstanceOf<MessageFlagsChanged>(), "the flag change is still reported");
    }

    [Test(Description = "A streamed body whose UID came after the literal was dropped.")]
    public async Task A_large_body_with_the_uid_after_it_still_reaches_its_command()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(5));
        var command = await h.Server.ReadCommandAsync();
        string big = new('x', 70_000);
        await h.Server.SendAsync($"* 3 FETCH (BODY[] {{70000}}\r\n{big} UID 5)\r\n{command.Tag} OK\r\n");

        Assert.That((await body.WaitAsync(Wait)).Length, Is.EqualTo(70_000));
    }

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

    [Test(Description = "Event readers waited forever after the connection ended.")]
    public async Task Event_readers_end_when_the_connection_ends()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var reading = Task.Run(async () =>
        {
            int count = 0;
            await foreach (var e in h.Client.ReadEventsAsync())
            {
                count++;
            }

            return count;
        });

        h.Server.DropConnection();

        Assert.That(await reading.WaitAsync(Wait), Is.Zero);
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
        await h.Server.ExpectNothingAsync(TimeSpan.FromMilliseconds(150));
        Assert.That(h.Client.IsConnected, Is.True);
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
