using Imap.Commands;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>IDLE: events while idle, DONE on cancellation, stepping aside for other commands, re-issue.</summary>
public sealed class IdleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Cancelling_idle_sends_done_and_waits_for_the_ok()
    {
        await using var h = await ClientHarness.ConnectAsync();
        await h.SelectInboxAsync(exists: 4);
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("IDLE"));
        await h.Server.SendAsync("+ idling\r\n* 5 EXISTS\r\n");
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.EqualTo(new MessageCountChanged(5)));

        await stop.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        // IDLE keeps the connection until the server confirms: a command queued now waits for the OK.
        var noop = h.Client.NoopAsync();
        h.ExpectHeldBack("NOOP");
        Assert.That(idle.IsCompleted, Is.False, "IDLE ends only when the server confirms");

        await h.Server.SendAsync($"{command.Tag} OK Idle completed.\r\n");
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"), "nothing between DONE and the next command");
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Another_command_makes_idle_step_aside_and_idle_resumes_after_it()
    {
        await using var h = await ClientHarness.ConnectAsync();
        await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        var first = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");

        var noop = h.Client.NoopAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{first.Tag} OK Idle completed.\r\n");
        var noopCommand = await h.Server.ReadCommandAsync();
        Assert.That(noopCommand.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{noopCommand.Tag} OK\r\n");
        await noop.WaitAsync(Wait);

        var again = await h.Server.ReadCommandAsync();
        Assert.That(again.Text, Is.EqualTo("IDLE"));
        await h.Server.SendAsync("+ idling\r\n");
        await stop.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{again.Tag} OK\r\n");
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_second_idle_waits_its_turn_instead_of_interrupting_the_first()
    {
        await using var h = await ClientHarness.ConnectAsync();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = h.Client.IdleAsync(stopFirst.Token);
        var firstCommand = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");

        var second = h.Client.IdleAsync(stopSecond.Token);
        // The second waits in the queue; that the first does not yield to it (send DONE) is
        // An_idle_yields_to_a_queued_command_but_not_to_another_idle below.
        h.ExpectHeldBack("IDLE");

        await stopFirst.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{firstCommand.Tag} OK\r\n");
        Assert.That(() => first.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());

        var secondCommand = await h.Server.ReadCommandAsync();
        Assert.That(secondCommand.Text, Is.EqualTo("IDLE"));
        await h.Server.SendAsync("+ idling\r\n");
        await stopSecond.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{secondCommand.Tag} OK\r\n");
        Assert.That(() => second.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task An_idle_yields_to_a_queued_command_but_not_to_another_idle()
    {
        var idle = new IdleCommand(Timeout.InfiniteTimeSpan, CancellationToken.None);

        // Told before the "+" arrives, so that a stop already requested would make the answer to the "+" complete at once.
        idle.OnCommandQueued(new IdleCommand(Timeout.InfiniteTimeSpan, CancellationToken.None));
        var done = idle.OnChallengeAsync(new ContinuationResponse("idling"));
        Assert.That(done.IsCompleted, Is.False, "another IDLE queued behind does not end this one");

        idle.OnCommandQueued(new NoopCommand());
        Assert.That(await done.AsTask().WaitAsync(Wait), Is.EqualTo("DONE\r\n"u8.ToArray()), "any other command does");
    }

    [Test]
    public async Task Idle_is_reissued_when_its_interval_runs_out()
    {
        var (clientEnd, server) = Support.ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");
        var options = new ImapClientOptions { Host = "x", Security = ImapSecurity.InsecurePlaintext, IdleRestartInterval = TimeSpan.FromMilliseconds(200) };
        await using var client = await ImapClient.ConnectAsync(clientEnd, options).WaitAsync(Wait);
        using var stop = new CancellationTokenSource();
        var idle = client.IdleAsync(stop.Token);

        var first = await server.ReadCommandAsync();
        await server.SendAsync("+ idling\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("DONE"));
        await server.SendAsync($"{first.Tag} OK\r\n");
        var second = await server.ReadCommandAsync();
        Assert.That(second.Text, Is.EqualTo("IDLE"));
        Assert.That(second.Tag, Is.Not.EqualTo(first.Tag));

        await stop.CancelAsync();
        await server.SendAsync("+ idling\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("DONE"));
        await server.SendAsync($"{second.Tag} OK\r\n");
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Idle_refused_by_the_server_fails_with_its_answer()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var idle = h.Client.IdleAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD No mailbox selected\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => idle.WaitAsync(Wait));
        Assert.That(error!.Status, Is.EqualTo(ImapStatus.Bad));
    }

    [Test]
    public async Task Without_the_capability_idle_polls_with_noop_and_the_changes_become_events()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1", idlePollInterval: TimeSpan.FromMilliseconds(200));
        var inbox = await h.SelectInboxAsync(exists: 10);
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);

        var first = await h.Server.ReadCommandAsync();
        Assert.That(first.Text, Is.EqualTo("NOOP"), "no IDLE is sent to a server without it");
        await h.Server.SendAsync($"* 11 EXISTS\r\n{first.Tag} OK\r\n");
        var second = await h.Server.ReadCommandAsync();
        Assert.That(second.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{second.Tag} OK\r\n");

        await stop.CancelAsync();
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(inbox.Count, Is.EqualTo(11));
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync() && events.Current is MessageCountChanged { Count: 11 }, Is.True);
        Assert.That(h.Client.IsConnected, Is.True);
    }

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
}
