namespace Imap;

/// <summary>
/// A command, the connection or the greeting did not complete in the configured time. A command that times out after
/// it was sent leaves the connection in an unknown state, so the connection is closed and everything pending fails.
/// </summary>
public sealed class ImapTimeoutException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    public ImapTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The cause: the cancellation that ended the wait, or the timeout that closed the
    /// connection when a pending command fails because of it.</param>
    public ImapTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
