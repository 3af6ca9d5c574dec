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
        long number = CommandTag.Parse(tagged.Tag);
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
    private void OnUntagged(ImapResponse response, ReadOnlySequence<byte> frame)
    {
        // A snapshot in a buffer the reader loop reuses: no allocation per response however many commands wait.
        int count;
        lock (sync)
        {
            count = inFlight.Count;
            if (claimCandidates.Length < count)
            {
                claimCandidates = new PendingCommand[Math.Max(Math.Max(count, 4), claimCandidates.Length * 2)];
            }

            inFlight.CopyTo(claimCandidates);
        }

        for (int i = 0; i < count; i++)
        {
            if (claimCandidates[i].TryClaim(response, frame))
            {
                Array.Clear(claimCandidates, 0, count);
                return;
            }
        }

        Array.Clear(claimCandidates, 0, count);

        events?.OnUnsolicited(response);
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
