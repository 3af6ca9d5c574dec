namespace Imap.Protocol;

/// <summary>What <see cref="ResponseFramer.Advance"/> found in the buffered bytes.</summary>
internal enum FrameStatus
{
    /// <summary>No complete response yet; nothing may be consumed.</summary>
    Incomplete,

    /// <summary>A complete response ends at <see cref="FrameResult.Length"/>.</summary>
    Complete,

    /// <summary>
    /// The response announces a literal too large to buffer casually. The bytes up to and including the literal's
    /// header line (<see cref="FrameResult.Length"/>) are buffered; the caller decides whether the literal is a message
    /// body to stream or a value to buffer (<see cref="ResponseFramer.AcceptLiteral"/>) or to refuse.
    /// </summary>
    LargeLiteral,

    /// <summary>The bytes break the framing rules or a limit; see <see cref="FrameResult.Error"/>.</summary>
    Error,
}
