namespace Imap;

/// <summary>
/// The connection failed or was closed: a network error, the server's BYE, or a protocol violation that lost the
/// stream's framing. Every command pending on the connection fails with this exception (or one derived from the same
/// cause), promptly, and the client is disconnected.
/// </summary>
public sealed class ImapConnectionException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened to the connection.</param>
    public ImapConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened to the connection.</param>
    /// <param name="innerException">The cause, such as an <see cref="IOException"/>.</param>
    public ImapConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
