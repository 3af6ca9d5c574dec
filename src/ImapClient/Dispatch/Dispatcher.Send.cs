using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// Sending (one job of <see cref="Dispatcher"/>; docs/design.md, "Dispatch"): the command that holds the writer writes
/// its own bytes, segment by segment, an upload's data in pieces, and its side of a SASL or IDLE exchange; a failed
/// or torn write faults the connection. Waiting for the server's "+" is in Dispatcher.Continuations.cs.
/// </summary>
internal sealed partial class Dispatcher
{
    /// <summary>Bytes of an upload read and written at a time; cancellation is checked between pieces.</summary>
    private const int UploadPiece = 64 * 1024;

    /// <summary>Waits for the writer, then writes the command (unless it went out in a coalesced write).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.WaitForPermitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up before the command was given the writer: it was never sent and never will be.
            lock (sync)
            {
                queue.Remove(command);
                Pump();
            }

            throw;
        }

        if (command.Batched)
        {
            // The command ahead of it wrote its bytes along with its own.
            return;
        }

        if (cancellationToken.IsCancellationRequested && command.Followers == 0 && (command.Traits & CommandTraits.Barrier) == 0)
        {
            // Given the writer but not a byte written yet: give the slot back; the command was never sent. A barrier
            // is sent anyway (and then abandoned): its OnSending may already have changed the client's state, as
            // SELECT retires the old mailbox, and the server must make the same change.
            lock (sync)
            {
                inFlight.Remove(command);
                InFlightChanged();
                byTag.Remove(command.TagNumber);
                if (writer == command)
                {
                    writer = null;
                }

                Pump();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        bool handedOff = false;
        try
        {
            // The signal that the server's next "+" completes is taken before each write that may prompt it: the "+"
            // can arrive while the write is still returning, and OnContinuation then swaps in a fresh signal.
            TaskCompletionSource<ContinuationResponse?>? prompted = null;
            var built = command.Built!;
            int segmentStart = 0;
            for (int segment = 0; segment < built.SegmentCount; segment++)
            {
                if (segment > 0)
                {
                    // A synchronizing literal: wait for "+", unless the server already refused the command.
                    ContinuationResponse? go;
                    try
                    {
                        go = await WaitForContinuationAsync(command, prompted, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (command.Uploads is not null && cancellationToken.IsCancellationRequested)
                    {
                        // A literal's header is out: the server may still ask for its data. Answer it with the rest up
                        // to the next upload, filler and a command it must refuse, in the background.
                        handedOff = true;
                        AbandonAhead(command, prompted, built, segment);
                        throw;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Part of a command with a literal in memory is out: the rest is written in the background as
                        // the server asks for it, and the command is treated as cancelled after it was sent.
                        handedOff = true;
                        FinishInBackground(command, prompted, Remaining(built, segment));
                        throw;
                    }

                    if (go is null || command.IsCompleted)
                    {
                        break;
                    }
                }

                prompted = CurrentContinue(command);
                Trace.Sent(built, segment);
                var bytes = built.GetSegment(segment);
                if (command.Uploads is { } uploads)
                {
                    var failure = await WriteWithUploadsAsync(command, uploads, built, segmentStart, bytes, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        // Cancelled, or the caller's source failed, inside a literal: the caller hears at once; the
                        // literal is finished with filler and the command made to fail, so the connection goes on.
                        handedOff = true;
                        failure.Throw();
                    }

                    segmentStart += bytes.Length;
                    ArmDeadlines(command, prompted);
                    continue;
                }

                segmentStart += built.GetSegment(segment).Length;
                await WriteInChunksAsync(command, bytes, cancellationToken).ConfigureAwait(false);
                ArmDeadlines(command, prompted);
            }

            while (command.ExpectsChallenges && !command.IsCompleted)
            {
                var challenge = await WaitForContinuationAsync(command, prompted, CancellationToken.None).ConfigureAwait(false);
                if (command.IsCompleted || challenge is null)
                {
                    break;
                }

                byte[]? reply = await command.OnChallengeAsync(challenge).ConfigureAwait(false);
                if (command.IsCompleted)
                {
                    // The server ended the exchange while we were deciding (an IDLE it closed itself): say nothing.
                    break;
                }

                if (reply is null)
                {
                    throw new ImapProtocolException($"Unexpected continuation request during {command.Name}.");
                }

                prompted = CurrentContinue(command);
                Trace.Sent(reply, secret: command.RedactsExchange);
                await output.WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
                ArmDeadlines(command, prompted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !handedOff)
        {
            // Part of the command is on the wire and cannot be taken back (an APPEND cancelled inside its literal):
            // the connection's state is unknown, so it is closed and everything pending fails.
            command.Abandoned = true;
            Shutdown(new ImapConnectionException($"{command.Name} was cancelled in the middle of its data; the connection was closed."));
            throw;
        }
        catch (Exception e) when (e is IOException or ImapException or ObjectDisposedException && !handedOff)
        {
            // Fails this command and everything else; RunAsync then reports the failure.
            Shutdown(e is ImapException ? e : new ImapConnectionException("The connection failed while sending " + command.Name + ".", e));
        }
        finally
        {
            if (!handedOff)
            {
                ReleaseWriter(command);
            }
        }
    }

    private void ReleaseWriter(PendingCommand command)
    {
        lock (sync)
        {
            if (writer == command)
            {
                writer = null;
            }

            Pump();
        }
    }

    /// <summary>
    /// Writes an upload's data in pieces, stopping between pieces when the caller cancels. Returns how many bytes went
    /// out and, when it stopped early, why: the caller's cancellation, its source failing or ending early, or NUL in
    /// the data (which a literal cannot carry). A failed write to the connection throws as any write does.
    /// </summary>
    private async Task<(long Sent, ExceptionDispatchInfo? Failure)> WriteUploadAsync(Upload upload, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(UploadPiece);
        long sent = 0;
        try
        {
            while (sent < upload.Length)
            {
                int n;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    n = await upload.ReadAsync(buffer.AsMemory(0, (int)Math.Min(UploadPiece, upload.Length - sent)), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new ArgumentException($"The content ended after {sent} of the {upload.Length} bytes announced; nothing was stored.");
                    }

                    if (buffer.AsSpan(0, n).Contains((byte)0))
                    {
                        throw new ArgumentException("The content holds NUL, which a literal cannot carry (RFC 9051 §9 CHAR8); nothing was stored.");
                    }
                }
                catch (Exception e)
                {
                    return (sent, ExceptionDispatchInfo.Capture(e));
                }

                await output.WriteAsync(buffer.AsMemory(0, n), CancellationToken.None).ConfigureAwait(false);
                sent += n;
                upload.Progress?.Report(sent);
            }

            return (sent, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies of the segments from <paramref name="first"/> on: the built buffer goes back to its pool.</summary>
    private static byte[][] Remaining(CommandWriter built, int first)
    {
        var rest = new byte[built.SegmentCount - first][];
        for (int i = 0; i < rest.Length; i++)
        {
            rest[i] = built.GetSegment(first + i).ToArray();
        }

        return rest;
    }

    /// <summary>
    /// Writes a segment in pieces, so that a large literal can be cancelled between pieces (which then closes the
    /// connection); a small command goes out in one write.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteInChunksAsync(PendingCommand command, ReadOnlyMemory<byte> segment, CancellationToken cancellationToken)
    {
        const int Chunk = 64 * 1024;
        for (int offset = 0; offset < segment.Length; offset += Chunk)
        {
            if (command.Started)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await output.WriteAsync(segment.Slice(offset, Math.Min(Chunk, segment.Length - offset)), CancellationToken.None).ConfigureAwait(false);
            command.Started = true;
        }
    }
}
