using System.Buffers;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>One step of the incoming response stream; which fields are set depends on <see cref="Kind"/>.</summary>
internal readonly struct ResponseEvent
{
    public ResponseEventKind Kind { get; init; }

    public ImapResponse? Response { get; init; }

    public FetchResponse? Fetch { get; init; }

    public PendingBody Body { get; init; }

    public ReadOnlySequence<byte> Data { get; init; }

    /// <summary>
    /// For <see cref="ResponseEventKind.Response"/> and most <see cref="ResponseEventKind.Malformed"/> events: the
    /// response's bytes, valid until they are consumed.
    /// </summary>
    public ReadOnlySequence<byte> Frame { get; init; }

    public ParseError Error { get; init; }

    public FrameError FrameError { get; init; }

    /// <summary>
    /// For a <see cref="ResponseEventKind.Malformed"/> event: the untagged response that was thrown away for exceeding
    /// a limit, so that a command it may belong to does not complete as if nothing was missing.
    /// </summary>
    public DroppedResponse? Dropped { get; init; }
}
