using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// Continuations (one job of <see cref="Dispatcher"/>; docs/design.md, "Dispatch"): delivering the server's "+" to the
/// command holding the writer, waiting for it, and finishing in the background a command whose caller gave up between
/// a literal's header and its data (the rest of its segments, or an upload's filler and an ending the server must
/// refuse).
/// </summary>
internal sealed partial class Dispatcher
{
    /// <summary>What an abandoned upload's literal is finished with: printable, and no CR or LF.</summary>
    private static readonly byte[] Filler = CreateFiller();

    /// <summary>A "+" from the server: it goes to the command holding the writer, or faults the connection.</summary>
    private void OnContinuation(ContinuationResponse continuation)
    {
        bool delivered = false;
        lock (sync)
        {
            if (writer?.Continue is { } current)
            {
                // Swap in the next signal before releasing the writer, so that a completion or a fault arriving
                // right after this "+" finds a fresh signal to complete instead of the one already used. The
                // server has answered: until the client writes again, the wait is the client's, not the server's.
                writer.Continue = new TaskCompletionSource<ContinuationResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
                writer.Deadline = 0;
                writer.WaitingSince = 0;
                delivered = current.TrySetResult(continuation);
            }
        }

        if (!delivered)
        {
            Shutdown(new ImapProtocolException("The server sent a continuation request no command was waiting for."));
        }
    }

    /// <summary>The signal the next "+" for <paramref name="command"/> completes, read under the lock.</summary>
    private TaskCompletionSource<ContinuationResponse?>? CurrentContinue(PendingCommand command)
    {
        lock (sync)
        {
            return command.Continue;
        }
    }

    /// <summary>
    /// Waits for the server's "+" on <paramref name="prompted"/>, the signal taken before the write that prompts it.
    /// Cancelling here, with the literal's header already on the wire, counts as cancelling mid-command. The watchdog
    /// bounds the wait (the deadline was armed when the last bytes went out).
    /// </summary>
    private async Task<ContinuationResponse?> WaitForContinuationAsync(
        PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (command.IsCompleted || fault is not null || prompted is null)
            {
                return null;
            }
        }

        return await prompted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the rest of a command whose caller gave up while it waited for a "+", in the background and still
    /// holding the writer: each segment after the server's "+" for it, until the server answers instead. Its responses
    /// are drained; only a failed write closes the connection.
    /// </summary>
    private void FinishInBackground(PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, byte[][] segments)
    {
        command.Abandoned = true;
        _ = FinishAsync();

        async Task FinishAsync()
        {
            try
            {
                foreach (byte[] segment in segments)
                {
                    if (prompted is null || await prompted.Task.ConfigureAwait(false) is null)
                    {
                        return;
                    }

                    prompted = CurrentContinue(command);
                    await output.WriteAsync(segment, CancellationToken.None).ConfigureAwait(false);
                    ArmDeadlines(command, prompted);
                }
            }
            catch (Exception e)
            {
                FailWhileFinishing(command, e);
            }
            finally
            {
                ReleaseWriter(command);
            }
        }
    }

    /// <summary>
    /// Finishes an upload the caller gave up on, in the background, still holding the writer: waits for the "+" when
    /// the literal is synchronizing and not yet granted, writes <paramref name="remaining"/> filler bytes, and ends the
    /// command with an argument the APPEND grammar forbids (RFC 9051 §9, RFC 3502 §6.3.11: nothing may follow a
    /// message literal but another message's options, and ")" begins none), so that the server answers BAD and stores
    /// nothing. The answer is drained; only a failed write closes the connection.
    /// </summary>
    private void AbandonUpload(PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, long remaining, byte[] refusedEnd)
    {
        command.Abandoned = true;
        _ = FinishAsync();

        async Task FinishAsync()
        {
            try
            {
                // Not IsCompleted: the caller's cancellation completed the command on its side; only the server's "+",
                // its tagged answer or a fault (null) tell what the wire needs.
                if (prompted is not null && await prompted.Task.ConfigureAwait(false) is null)
                {
                    return;
                }

                while (remaining > 0)
                {
                    int n = (int)Math.Min(Filler.Length, remaining);
                    await output.WriteAsync(Filler.AsMemory(0, n), CancellationToken.None).ConfigureAwait(false);
                    remaining -= n;
                }

                Trace.Sent(refusedEnd, secret: false);
                await output.WriteAsync(refusedEnd, CancellationToken.None).ConfigureAwait(false);
                ArmDeadlines(command, null);
            }
            catch (Exception e)
            {
                FailWhileFinishing(command, e);
            }
            finally
            {
                ReleaseWriter(command);
            }
        }
    }

    /// <summary>A write failed while a cancelled command was finished in the background: the connection is closed.</summary>
    private void FailWhileFinishing(PendingCommand command, Exception e) =>
        Shutdown(e is ImapException ? e : new ImapConnectionException($"The connection failed while finishing a cancelled {command.Name}.", e));

    private static byte[] CreateFiller()
    {
        var filler = new byte[UploadPiece];
        filler.AsSpan().Fill((byte)'X');
        return filler;
    }
}
