using System.Buffers;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// Routing responses to commands (one job of <see cref="Dispatcher"/>; docs/design.md, "Dispatch"): a tagged response
/// completes its command; an untagged one is offered to the commands in flight, oldest first, and what nobody claims is
/// unsolicited; a malformed or dropped response fails or marks the commands it may belong to; a streamed body goes
/// through <see cref="BodyRouter"/>.
/// </summary>
internal sealed partial class Dispatcher
{
    /// <summary>A tagged response: completes its command, or faults the connection when no command has its tag.</summary>
    private void OnTagged(TaggedResponse tagged)
    {
        long number = tagged.TagNumber;
        PendingCommand? command;
        lock (sync)
        {
            if (number == 0 || !byTag.Remove(number, out command))
            {
                command = null;
            }
            else
            {
                inFlight.Remove(command);
                InFlightChanged();
                if (inFlight.Count == 0)
                {
                    // Nothing in flight: let go of the commands the snapshot still holds (an idle connection keeps none).
                    TakeClaimSnapshot();
                }

                if (writer == command)
                {
                    // The server answered before the literal or the exchange was over: stop writing.
                    command.Continue?.TrySetResult(null);
                }
            }
        }

        if (command is null)
        {
            Shutdown(new ImapProtocolException($"The server completed a command with the unknown tag '{tagged.Tag}'."));
            return;
        }

        Commands.Answered(command, tagged.Status);
        command.Complete(tagged);
        lock (sync)
        {
            Pump();
        }
    }

    /// <summary>An untagged response: the first command in flight that claims it gets it; otherwise it is unsolicited.</summary>
    /// <remarks>
    /// The commands are offered the response from a snapshot of the in-flight table that the reader loop keeps and
    /// takes again, under the lock, only when the table has changed since (<see cref="inFlightVersion"/>): a long
    /// fetch answered by thousands of FETCH responses takes the lock once, not once per response. A command is in the
    /// table before its first byte is written, so before the server can answer it; its version change is visible to
    /// the reader loop by then (the lock's release precedes the write, and the answer follows the write).
    /// </remarks>
    private void OnUntagged(ImapResponse response, ReadOnlySequence<byte> frame)
    {
        if (Volatile.Read(ref inFlightVersion) != claimVersion)
        {
            lock (sync)
            {
                TakeClaimSnapshot();
            }
        }

        for (int i = 0; i < claimCount; i++)
        {
            if (claimCandidates[i].TryClaim(response, frame))
            {
                return;
            }
        }

        events?.OnUnsolicited(response);
    }

    /// <summary>The in-flight table changed (a command was added or removed). Call under <see cref="sync"/>.</summary>
    private void InFlightChanged() => Volatile.Write(ref inFlightVersion, inFlightVersion + 1);

    /// <summary>
    /// Copies the in-flight table, oldest first, into the reader loop's snapshot, with no allocation once the buffer
    /// is large enough. Call under <see cref="sync"/>, on the reader loop.
    /// </summary>
    private void TakeClaimSnapshot()
    {
        int count = inFlight.Count;
        if (claimCandidates.Length < count)
        {
            claimCandidates = new PendingCommand[Math.Max(Math.Max(count, 4), claimCandidates.Length * 2)];
        }

        inFlight.CopyTo(claimCandidates);
        if (claimCount > count)
        {
            Array.Clear(claimCandidates, count, claimCount - count);
        }

        claimCount = count;
        claimVersion = inFlightVersion;
    }

    /// <summary>
    /// A response that did not parse was skipped. If it carried the tag of a pending command, that command fails
    /// (with the parse error) rather than waiting forever; everything else goes on.
    /// </summary>
    public void OnMalformed(ReadOnlySequence<byte> frame, ParseError error)
    {
        Trace.Malformed(error, frame);
        var reader = new SequenceReader<byte>(frame);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)' ') || first.Length is 0 or > 32)
        {
            return;
        }

        Span<byte> tag = stackalloc byte[32];
        first.CopyTo(tag);
        long number = CommandTag.Parse(tag[..(int)first.Length]);
        PendingCommand? command;
        lock (sync)
        {
            if (number == 0 || !byTag.Remove(number, out command))
            {
                return;
            }

            inFlight.Remove(command);
            InFlightChanged();
            if (writer == command)
            {
                command.Continue?.TrySetResult(null);
            }
        }

        var failure = error.ToException();
        Commands.Failed(command, failure);
        command.Fail(failure);
        lock (sync)
        {
            Pump();
        }
    }

    /// <summary>
    /// An untagged response was thrown away for exceeding a limit: every command in flight that may own it is marked,
    /// and fails when it completes instead of succeeding without it. It is reported either way (the Malformed event).
    /// </summary>
    public void OnDropped(DroppedResponse dropped)
    {
        lock (sync)
        {
            foreach (var command in inFlight)
            {
                if (command.MayOwn(dropped))
                {
                    command.Dropped ??= dropped;
                }
            }
        }
    }

    /// <summary>A streamed body begins: the first command in flight that claims it gets it, or it is kept for now.</summary>
    public void OnBodyStart(FetchResponse prefix, PendingBody body)
    {
        PendingCommand? owner = null;
        lock (sync)
        {
            foreach (var command in inFlight)
            {
                if (command.ClaimsBody(prefix))
                {
                    owner = command;
                    break;
                }
            }
        }

        bodies.Start(prefix, body, owner);
    }

    /// <summary>A piece of the streamed body.</summary>
    public void OnBodyData(ReadOnlySequence<byte> data)
    {
        if (bodies.Data(data) is { } dropped)
        {
            OnDropped(dropped);
        }
    }

    /// <summary>The streamed body ended.</summary>
    public void OnBodyEnd() => bodies.End();
}
