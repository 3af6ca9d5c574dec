namespace Imap;

/// <summary>
/// The base of every error this library raises for something the server or the connection did.
/// Errors in the caller's own arguments are reported with <see cref="ArgumentException"/> instead.
/// </summary>
public abstract class ImapException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, in words.</param>
    protected ImapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="innerException">The cause.</param>
    protected ImapException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// <see langword="true"/> when trying the same operation again, possibly on a new connection, may succeed
    /// (a dropped connection or a time-out); <see langword="false"/> when it will fail the same way.
    /// </summary>
    public abstract bool IsTransient { get; }
}
