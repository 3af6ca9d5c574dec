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

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
