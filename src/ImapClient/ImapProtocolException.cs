namespace Imap;

/// <summary>
/// The server sent bytes that do not follow the IMAP grammar (RFC 9051 §9, RFC 3501 §9), or that exceed one of the
/// limits in <see cref="ImapLimits"/>. When the framing of the stream is still intact only the response concerned
/// fails; otherwise the connection is closed and every pending command fails with this exception.
/// </summary>
public sealed class ImapProtocolException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the server's bytes.</param>
    public ImapProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was wrong with the server's bytes.</param>
    /// <param name="innerException">The cause.</param>
    public ImapProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a malformed response, keeping the offset where parsing stopped.</summary>
    /// <param name="message">What was wrong with the server's bytes.</param>
    /// <param name="offset">Byte offset within the response where the error was found.</param>
    public ImapProtocolException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    /// <summary>Byte offset within the response where the error was found, or -1 when unknown.</summary>
    public long Offset { get; } = -1;

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
