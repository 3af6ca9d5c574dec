namespace Imap.Protocol;

/// <summary>What <see cref="ResponseReader.TryRead"/> produced.</summary>
internal enum ResponseEventKind
{
    /// <summary>Nothing yet: read more bytes and call again with everything not consumed plus the new bytes.</summary>
    NeedMoreData,

    /// <summary>A complete response in <see cref="ResponseEvent.Response"/>.</summary>
    Response,

    /// <summary>
    /// A response that breaks the grammar was skipped as a unit; <see cref="ResponseEvent.Error"/> says why. The
    /// stream is still in sync.
    /// </summary>
    Malformed,

    /// <summary>
    /// A streamed FETCH body begins: <see cref="ResponseEvent.Fetch"/> holds the items before it,
    /// <see cref="ResponseEvent.Body"/> which section and how long.
    /// </summary>
    BodyStart,

    /// <summary>Some bytes of the streamed body in <see cref="ResponseEvent.Data"/>, valid until they are consumed.</summary>
    BodyData,

    /// <summary>The streamed body is complete; the FETCH response goes on.</summary>
    BodyEnd,

    /// <summary>Framing is lost or a hard limit was exceeded (<see cref="ResponseEvent.FrameError"/>): close the connection.</summary>
    Fatal,
}
