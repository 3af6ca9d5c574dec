using System.Buffers;
using Imap.Connection;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>
/// Turns the incoming byte stream into response events: framer first, then parser (docs/design.md, decision 1). Whole
/// responses come out parsed; a FETCH body literal larger than the streaming threshold comes out as
/// <see cref="ResponseEventKind.BodyStart"/>, <see cref="ResponseEventKind.BodyData"/> chunks as the bytes arrive,
/// and <see cref="ResponseEventKind.BodyEnd"/>, so it is never held in memory whole.
/// </summary>
/// <remarks>
/// Use: pass everything buffered and not yet consumed; consume <c>consumed</c> bytes from the front; repeat until
/// <see cref="ResponseEventKind.NeedMoreData"/>, then read more. A response that fails to parse is reported as
/// <see cref="ResponseEventKind.Malformed"/> and skipped; a non-body literal over
/// <see cref="ImapLimits.MaxLiteralSize"/> is discarded as it arrives and its response reported the same way, so no
/// hostile size is ever buffered. Only a framing failure is fatal.
/// </remarks>
internal sealed class ResponseReader
{
    private readonly ResponseFramer framer;
    private readonly ImapLimits limits;
    private State state;
    private long bodyRemaining;
    private FetchResponse? fetch;
    private ParseError discardReason;
    private byte[]? discardTag;
    private DroppedResponse? dropped;

    public ResponseReader(ImapLimits limits, SessionState? session = null, long streamingThreshold = ResponseFramer.DefaultStreamingThreshold)
    {
        ArgumentNullException.ThrowIfNull(limits);
        this.limits = limits;
        framer = new ResponseFramer(limits, streamingThreshold);
        Parser = new ResponseParser(limits, session ?? new SessionState());
    }

    private enum State
    {
        Frame,
        Body,
        BodyEnded,
        Discard,
        DiscardRest,
    }

    public ResponseParser Parser { get; }

    /// <summary>Reads the next event from the front of <paramref name="buffer"/>.</summary>
    public ResponseEvent TryRead(ReadOnlySequence<byte> buffer, out long consumed)
    {
        consumed = 0;
        switch (state)
        {
            case State.Body:
            case State.Discard:
                return ReadLiteralBytes(buffer, ref consumed);

            case State.BodyEnded:
                state = State.Frame;
                framer.ResumeAfterLiteral();
                return new ResponseEvent { Kind = ResponseEventKind.BodyEnd, Fetch = fetch };
        }

        var frame = framer.Advance(buffer);
        switch (frame.Status)
        {
            case FrameStatus.Incomplete:
                return default;

            case FrameStatus.Error:
                Reset();
                return new ResponseEvent { Kind = ResponseEventKind.Fatal, FrameError = frame.Error };

            case FrameStatus.Complete:
                consumed = frame.Length;
                return Complete(buffer.Slice(0, frame.Length));

            default:
                return LargeLiteral(buffer, frame, ref consumed);
        }
    }

    private ResponseEvent Complete(ReadOnlySequence<byte> frame)
    {
        if (state == State.DiscardRest)
        {
            state = State.Frame;
            fetch = null;

            // The response is gone, but its tag was kept: a tagged completion thrown away this way still fails its
            // command instead of leaving it waiting.
            // An untagged one is described, so that the command it may belong to fails rather than looks complete.
            var tag = discardTag is null ? default : new ReadOnlySequence<byte>(discardTag);
            var lost = dropped;
            discardTag = null;
            dropped = null;
            return new ResponseEvent { Kind = ResponseEventKind.Malformed, Error = discardReason, Frame = tag, Dropped = lost };
        }

        if (fetch is not null)
        {
            var current = fetch;
            fetch = null;
            var outcome = Parser.TryParseFetchContinuation(frame, current, out _, out var continuationError);
            return outcome == FetchItemProgress.Complete
                ? new ResponseEvent { Kind = ResponseEventKind.Response, Response = current }
                : new ResponseEvent { Kind = ResponseEventKind.Malformed, Error = continuationError };
        }

        if (Parser.TryParse(frame, out var response, out var error))
        {
            return new ResponseEvent { Kind = ResponseEventKind.Response, Response = response, Frame = frame };
        }

        // An untagged response is described, so that a command it may belong to fails rather than looks complete; a
        // tagged one fails its command by its tag (the dispatcher reads it from the frame).
        var unreadable = new SequenceReader<byte>(frame).IsNext("* "u8) ? DroppedResponse.Unreadable(frame, error.Message) : null;
        return new ResponseEvent { Kind = ResponseEventKind.Malformed, Error = error, Frame = frame, Dropped = unreadable };
    }

    private ResponseEvent LargeLiteral(ReadOnlySequence<byte> buffer, FrameResult frame, ref long consumed)
    {
        // Loops rather than recursing: each non-body literal accepted into the frame lets the framer go on, and the
        // next stop may be another large literal.
        while (true)
        {
            if (state != State.DiscardRest)
            {
                var segment = buffer.Slice(0, frame.Length);
                var current = fetch;
                PendingBody body;
                var outcome = current is null
                    ? Parser.TryParseFetchPrefix(segment, out current, out body, out _)
                    : Parser.TryParseFetchContinuation(segment, current, out body, out _);
                if (outcome == FetchItemProgress.BodyPending)
                {
                    fetch = current;
                    consumed = frame.Length;
                    state = State.Body;
                    bodyRemaining = body.Length;
                    return new ResponseEvent { Kind = ResponseEventKind.BodyStart, Fetch = current, Body = body };
                }

                // Not a streamed body: a value such as a long subject. Buffer it with the response when it is within
                // the limit for values, and go on framing.
                var refused = framer.AcceptLiteral(frame.LiteralLength);
                if (refused == FrameError.None)
                {
                    var next = framer.Advance(buffer);
                    switch (next.Status)
                    {
                        case FrameStatus.Incomplete:
                            return default;
                        case FrameStatus.Complete:
                            consumed = next.Length;
                            return Complete(buffer.Slice(0, next.Length));
                        case FrameStatus.Error:
                            Reset();
                            return new ResponseEvent { Kind = ResponseEventKind.Fatal, FrameError = next.Error };
                        default:
                            frame = next;
                            continue;
                    }
                }

                var (limitName, limit) = refused switch
                {
                    FrameError.TooManyLiterals => (nameof(ImapLimits.MaxLiteralsPerResponse), (long)limits.MaxLiteralsPerResponse),
                    FrameError.ResponseTooLarge => (nameof(ImapLimits.MaxResponseSize), limits.MaxResponseSize),
                    _ => (nameof(ImapLimits.MaxLiteralSize), limits.MaxLiteralSize),
                };
                discardReason = new ParseError(
                    refused == FrameError.LiteralTooLarge
                        ? $"a literal of {frame.LiteralLength} bytes, over the limit of {limits.MaxLiteralSize} for values"
                        : $"a literal of {frame.LiteralLength} bytes that would take the response past ImapLimits.{limitName} ({limit})",
                    frame.Length);
                var head = buffer.Slice(0, frame.Length);
                discardTag = LeadingTag(head);
                dropped = discardTag is null ? DroppedResponse.From(head, current, limitName, limit, discardReason.Message) : null;
            }

            // Discard the literal as it arrives, then the rest of the response; report it when it ends.
            consumed = frame.Length;
            state = State.Discard;
            bodyRemaining = frame.LiteralLength;
            return ReadLiteralBytes(buffer.Slice(frame.Length), ref consumed);
        }
    }

    /// <summary>The response's first token and a space ("A12 "), when it is a tag; null for "*" and "+".</summary>
    private static byte[]? LeadingTag(ReadOnlySequence<byte> start)
    {
        var reader = new SequenceReader<byte>(start);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> tag, (byte)' ') || tag.Length is 0 or > 32
            || tag.FirstSpan[0] is (byte)'*' or (byte)'+')
        {
            return null;
        }

        var kept = new byte[tag.Length + 1];
        tag.CopyTo(kept);
        kept[^1] = (byte)' ';
        return kept;
    }

    private ResponseEvent ReadLiteralBytes(ReadOnlySequence<byte> buffer, ref long consumed)
    {
        long take = Math.Min(bodyRemaining, buffer.Length);
        bodyRemaining -= take;
        consumed += take;
        if (state == State.Discard)
        {
            if (bodyRemaining == 0)
            {
                state = State.DiscardRest;
                fetch = null;
                framer.ResumeAfterLiteral();
            }

            return default;
        }

        if (bodyRemaining == 0)
        {
            state = State.BodyEnded;
        }

        return take == 0 ? default : new ResponseEvent { Kind = ResponseEventKind.BodyData, Data = buffer.Slice(0, take), Fetch = fetch };
    }

    private void Reset()
    {
        state = State.Frame;
        fetch = null;
        discardTag = null;
        dropped = null;
        bodyRemaining = 0;
        framer.Reset();
    }
}
