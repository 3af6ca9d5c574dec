namespace Imap.Tests.Dispatch;

/// <summary>A server that goes silent while a command waits: noticed by default, without tripping on slow transfers or IDLE.</summary>
public sealed class DeadLinkTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public void The_default_notices_a_dead_link_within_minutes()
    {
        Assert.That(new ImapClientOptions { Host = "x" }.ServerSilenceTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task A_silent_server_fails_the_waiting_commands_typed_and_closes_the_connection()
    {
        await using var h = await ClientHarness.ConnectAsync(serverSilenceTimeout: Silence);
        var noop = h.Client.NoopAsync();
        var status = h.Client.GetStatusAsync("INBOX", StatusItems.Messages);
        await h.Server.ReadCommandAsync();
        await h.Server.ReadCommandAsync();

        var error = Assert.ThrowsAsync<ImapTimeoutException>(() => noop.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("sent nothing"));
        Assert.That(() => status.WaitAsync(Wait), Throws.InstanceOf<ImapTimeoutException>());
        Assert.That(h.Client.IsConnected, Is.False);
    }

    [Test]
    public async Task A_slow_answer_that_keeps_coming_is_not_a_dead_link()
    {
        await using var h = await ClientHarness.ConnectAsync(serverSilenceTimeout: Silence);
        var inbox = await h.SelectInboxAsync(exists: 10);
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:10"), FetchItems.Size);
        var command = await h.Server.ReadCommandAsync();

        // Ten answers, 150 ms apart: 1.5 s in all, far beyond the silence limit, but never silent that long.
        for (uint uid = 1; uid <= 10; uid++)
        {
            await Task.Delay(150);
            await h.Server.SendAsync($"* {uid} FETCH (UID {uid} RFC822.SIZE 1)\r\n");
        }

        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        Assert.That((await fetch.WaitAsync(Wait)).Count, Is.EqualTo(10));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task An_idle_the_server_accepted_may_stay_silent()
    {
        await using var h = await ClientHarness.ConnectAsync(serverSilenceTimeout: Silence);
        await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");

        await Task.Delay(Silence * 3);
        Assert.That(h.Client.IsConnected, Is.True);
        await stop.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(h.Client.IsConnected, Is.True);
    }
}
