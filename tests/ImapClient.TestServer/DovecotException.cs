namespace Imap.TestServer;

/// <summary>Starting, filling or stopping the test server failed; the message carries the script output and log tail.</summary>
public sealed class DovecotException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public DovecotException()
        : base("The Dovecot test server failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What failed, including diagnostics.</param>
    public DovecotException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What failed, including diagnostics.</param>
    /// <param name="innerException">The cause.</param>
    public DovecotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
