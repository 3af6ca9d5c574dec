using Microsoft.Extensions.Logging;

namespace Imap.IntegrationTests;

/// <summary>IDLE against Dovecot: a change made on another connection arrives as an event.</summary>
[TestFixture]
public sealed class IdleTests
{
    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task A_flag_change_by_another_connection_arrives_while_idle()
    {
        var accepted = new ContinuationSeen();
        await using var watcher = await ClientFactory.LoginAsync(logger: accepted);
        await using var writer = await ClientFactory.LoginAsync();
        await watcher.SelectAsync("INBOX");
        await writer.SelectAsync("INBOX");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var idle = watcher.IdleAsync(stop.Token);
        // Ends on a known event: the server's "+" (IDLE accepted), seen in the protocol trace.
        await accepted.Seen.WaitAsync(stop.Token);
        var store = await writer.ExecuteAsync(new ImapCommand("UID") { Traits = CommandTraits.RequiresSelected | CommandTraits.WritesFlags }
            .Atom("STORE").Set(UidSet.Create(new Uid(7))).Atom("+FLAGS.SILENT").FlagList(MessageFlag.Keyword("$IdleTest")));
        Assert.That(store.Status, Is.EqualTo(ImapStatus.Ok));

        MessageFlagsChanged? change = null;
        await foreach (var e in watcher.ReadEventsAsync(stop.Token))
        {
            if (e is MessageFlagsChanged flags)
            {
                change = flags;
                break;
            }
        }

        await stop.CancelAsync();
        Assert.That(() => idle, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(change!.Flags.Contains(MessageFlag.Keyword("$IdleTest")), Is.True);
        Assert.That(watcher.IsConnected, Is.True);
        await watcher.NoopAsync();
    }

    /// <summary>A protocol trace that watches for the server's continuation request after the client sent IDLE.</summary>
    private sealed class ContinuationSeen : ILogger
    {
        private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool idleSent;

        public Task Seen => seen.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string line = formatter(state, exception).TrimEnd();
            if (line.StartsWith("C: ", StringComparison.Ordinal) && line.EndsWith(" IDLE", StringComparison.Ordinal))
            {
                idleSent = true;
            }
            else if (idleSent && line.StartsWith("S: +", StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
