namespace Imap.Protocol;

/// <summary>Why a response could not be framed. Every one of these means the stream is out of sync.</summary>
internal enum FrameError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A line outside literals is longer than <see cref="ImapLimits.MaxLineLength"/>.</summary>
    LineTooLong,

    /// <summary>A literal's length does not fit in 64 bits.</summary>
    LiteralLengthOverflow,

    /// <summary>A literal is longer than <see cref="ImapLimits.MaxBodySize"/>, the most that is ever accepted.</summary>
    LiteralTooLarge,

    /// <summary>The response, lines and buffered literals together, exceeds <see cref="ImapLimits.MaxResponseSize"/>.</summary>
    ResponseTooLarge,

    /// <summary>The response has more literals than <see cref="ImapLimits.MaxLiteralsPerResponse"/>.</summary>
    TooManyLiterals,
}
