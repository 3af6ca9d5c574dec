using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// IDLE (RFC 2177, RFC 9051 §6.3.13): after the server's "+", the connection only listens; unsolicited data flows to
/// the mailbox state and events. The command ends with DONE when it is stopped: by the caller, by its re-issue timer,
/// or because another command was queued behind it.
/// </summary>
internal sealed class IdleCommand : PendingCommand<bool>
{
    private readonly TaskCompletionSource stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration registration;
    private bool done;

    /// <param name="reissueAfter">
    /// When to end it with DONE so that the caller's loop issues a new one (<see cref="IdleClock"/>);
    /// <see cref="Timeout.InfiniteTimeSpan"/> for never.
    /// </param>
    /// <param name="cancellationToken">The caller's: ends the IDLE with DONE.</param>
    public IdleCommand(TimeSpan reissueAfter, CancellationToken cancellationToken)
    {
        registration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), stop);
        if (reissueAfter >= TimeSpan.Zero)
        {
            IdleClock.Add(this, reissueAfter);
        }
    }

    public override string Name => "IDLE";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool ExpectsChallenges => true;

    public override void Write(CommandWriter writer) => writer.WriteAtom("IDLE"u8);

    public override async ValueTask<byte[]?> OnChallengeAsync(ContinuationResponse challenge)
    {
        if (done)
        {
            // Only one "+" belongs to IDLE; a second one is a protocol error.
            return null;
        }

        await stop.Task.ConfigureAwait(false);
        done = true;
        IdleClock.Remove(this);
        await registration.DisposeAsync().ConfigureAwait(false);
        return "DONE\r\n"u8.ToArray();
    }

    public override void OnCommandQueued(PendingCommand queued)
    {
        // Another IDLE waits its turn: yielding to it would only make the two take turns forever.
        if (queued is not IdleCommand)
        {
            stop.TrySetResult();
        }
    }

    public override void Fail(Exception error)
    {
        Release();
        base.Fail(error);
    }

    public override void Complete(TaggedResponse tagged)
    {
        // The server may end IDLE itself; nothing must then wait to send DONE.
        Release();
        base.Complete(tagged);
    }

    /// <summary>The re-issue time came (<see cref="IdleClock"/>): end with DONE; the caller's loop sends a new IDLE.</summary>
    public void Reissue() => stop.TrySetResult();

    /// <summary>
    /// Lets go of the clock and the caller's token; called when the command ends, and by the caller's loop in any case
    /// (a command refused before it was sent ends neither way).
    /// </summary>
    public void Release()
    {
        stop.TrySetResult();
        IdleClock.Remove(this);
        registration.Dispose();
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
