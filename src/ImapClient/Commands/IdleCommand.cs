using System.Threading.Tasks.Sources;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// IDLE (RFC 2177, RFC 9051 §6.3.13): after the server's "+", the connection only listens; unsolicited data flows to
/// the mailbox state and events. The command ends with DONE when it is stopped: by the caller, by its re-issue timer,
/// or because another command was queued behind it.
/// </summary>
/// <remarks>
/// The wait for the stop is the command itself (an <see cref="IValueTaskSource{TResult}"/> of the DONE line), not a
/// task and an async method: an idle connection spends most of its life in that wait, so what it holds is kept small
/// (issue #14).
/// </remarks>
internal sealed class IdleCommand : PendingCommand<bool>, IValueTaskSource<byte[]?>
{
    private static readonly byte[] Done = "DONE\r\n"u8.ToArray();

    private readonly CancellationTokenRegistration registration;
    private ManualResetValueTaskSourceCore<byte[]?> stopped = new() { RunContinuationsAsynchronously = true };
    private int stopRequested;
    private bool done;

    /// <param name="reissueAfter">
    /// When to end it with DONE so that the caller's loop issues a new one (<see cref="IdleClock"/>);
    /// <see cref="Timeout.InfiniteTimeSpan"/> for never.
    /// </param>
    /// <param name="cancellationToken">The caller's: ends the IDLE with DONE.</param>
    public IdleCommand(TimeSpan reissueAfter, CancellationToken cancellationToken)
    {
        registration = cancellationToken.Register(static s => ((IdleCommand)s!).Stop(), this);
        if (reissueAfter >= TimeSpan.Zero)
        {
            IdleClock.Add(this, reissueAfter);
        }
    }

    public override string Name => "IDLE";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool ExpectsChallenges => true;

    public override void Write(CommandWriter writer) => writer.WriteAtom("IDLE"u8);

    public override ValueTask<byte[]?> OnChallengeAsync(ContinuationResponse challenge)
    {
        if (done)
        {
            // Only one "+" belongs to IDLE; a second one is a protocol error.
            return new ValueTask<byte[]?>((byte[]?)null);
        }

        done = true;
        return new ValueTask<byte[]?>(this, stopped.Version);
    }

    public override void OnCommandQueued(PendingCommand queued)
    {
        // Another IDLE waits its turn: yielding to it would only make the two take turns forever.
        if (queued is not IdleCommand)
        {
            Stop();
        }
    }

    public override void Fail(Exception error)
    {
        // Completed first, then released: the sender, woken by the release, sees the command done and sends no DONE.
        base.Fail(error);
        Release();
    }

    public override void Complete(TaggedResponse tagged)
    {
        // The server may end IDLE itself; nothing must then wait to send DONE, and nothing may send it after the end,
        // so the command is completed before the sender is woken.
        base.Complete(tagged);
        Release();
    }

    /// <summary>The re-issue time came (<see cref="IdleClock"/>): end with DONE; the caller's loop sends a new IDLE.</summary>
    public void Reissue() => Stop();

    /// <summary>
    /// Lets go of the clock and the caller's token; called when the command ends, and by the caller's loop in any case
    /// (a command refused before it was sent ends neither way).
    /// </summary>
    public void Release()
    {
        Stop();
        IdleClock.Remove(this);
        registration.Dispose();
    }

    byte[]? IValueTaskSource<byte[]?>.GetResult(short token)
    {
        // The stop came: DONE goes out. The clock and the caller's token have nothing more to stop.
        IdleClock.Remove(this);
        registration.Dispose();
        return stopped.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<byte[]?>.GetStatus(short token) => stopped.GetStatus(token);

    void IValueTaskSource<byte[]?>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        stopped.OnCompleted(continuation, state, token, flags);

    protected override bool GetResult(TaggedResponse tagged) => true;

    /// <summary>Ends the wait for the stop, once, from whichever reason comes first; its waiter runs on the thread pool.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 0)
        {
            stopped.SetResult(Done);
        }
    }
}
