using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// The dispatcher's queue (one job of <see cref="Dispatcher"/>; docs/design.md, "Dispatch"): building a command's
/// bytes, and passing the writer (the baton) to the queue's head when <see cref="PipelineGate"/> allows it, with the
/// plain commands behind it coalesced into the same write. Everything here runs under the dispatcher's lock.
/// </summary>
internal sealed partial class Dispatcher
{
    /// <summary>Builds a command's bytes, tagged, with the options in force.</summary>
    private CommandWriter Build(PendingCommand command)
    {
        var built = CommandWriterPool.Rent(WriterOptions);
        try
        {
            Span<byte> tag = stackalloc byte[CommandTag.MaxLength];
            built.WriteTag(tag[..CommandTag.Format(command.TagNumber, tag)]);
            built.WriteSpace();
            command.Write(built);
            built.EndCommand();
            return built;
        }
        catch
        {
            CommandWriterPool.Return(built);
            throw;
        }
    }

    /// <summary>Builds a queued command again with the current options; returns the error if it can no longer be built.</summary>
    private Exception? Rebuild(PendingCommand command)
    {
        try
        {
            var rebuilt = Build(command);
            CommandWriterPool.Return(command.Built!);
            command.Built = rebuilt;
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ImapException)
        {
            return e;
        }
    }

    /// <summary>
    /// Passes the baton to the queue's head when the gate allows, with the plain commands behind it that may go too.
    /// Call under <see cref="sync"/>.
    /// </summary>
    private void Pump()
    {
        while (writer is null && fault is null && queue.First is { } head)
        {
            if (!PipelineGate.CanSend(head, inFlight))
            {
                return;
            }

            queue.Remove(head);
            if (!TryStart(head))
            {
                // Cancelled or refused: never sent; the next command may go.
                continue;
            }

            writer = head;
            if (IsPlain(head))
            {
                AddFollowers(head);
            }
            else
            {
                head.Continue = new TaskCompletionSource<ContinuationResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (queue.First is { } waiting)
            {
                // Commands already wait behind this one: a command that holds the writer indefinitely (IDLE) must know.
                head.OnCommandQueued(waiting);
            }

            head.ReleasePermit(batched: false);
            return;
        }
    }

    /// <summary>
    /// Appends to <paramref name="leader"/>'s bytes the plain commands queued behind it that the gate lets go now,
    /// each registered in flight in wire order. Call under <see cref="sync"/>.
    /// </summary>
    private void AddFollowers(PendingCommand leader)
    {
        var built = leader.Built!;
        // A command built under other options is left to lead the next write: rebuilt, it may no longer be plain.
        while (queue.First is { } next
            && next.Built!.Options == WriterOptions
            && IsPlain(next)
            && built.WrittenCount + next.Built.WrittenCount <= MaxBatchBytes
            && PipelineGate.CanSend(next, inFlight))
        {
            queue.Remove(next);
            if (!TryStart(next))
            {
                continue;
            }

            built.AppendCommand(next.Built.WrittenSpan);
            leader.Followers++;
            next.ReleasePermit(batched: true);
        }
    }

    /// <summary>
    /// Takes the command's permit (settling the race with its caller's cancellation), asks it whether it may still go,
    /// and registers it in flight. False when it is not to be sent. Call under <see cref="sync"/>.
    /// </summary>
    private bool TryStart(PendingCommand command)
    {
        if (!command.TryTakePermit())
        {
            return false;
        }

        Exception? refused;
        try
        {
            refused = command.OnSending();
            if (refused is null && command.Built!.Options != WriterOptions)
            {
                // Capabilities changed while the command waited (an ENABLE UTF8=ACCEPT, LITERAL+ after login): build it
                // again so that it goes out in the form now in force.
                refused = Rebuild(command);
            }
        }
        catch (Exception e)
        {
            // The permit is taken: whatever went wrong, the caller must hear of it rather than wait for ever.
            refused = e;
        }

        if (refused is not null)
        {
            command.Fail(refused);
            command.ReleasePermit(refused);
            return false;
        }

        inFlight.Add(command);
        InFlightChanged();
        byTag[command.TagNumber] = command;
        return true;
    }

    /// <summary>One segment, no exchange and no upload: its bytes can share a write with others.</summary>
    private static bool IsPlain(PendingCommand command) =>
        command.Built is { SegmentCount: 1, HasSecrets: false } && !command.ExpectsChallenges && command.Uploads is null;
}
