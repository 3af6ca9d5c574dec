namespace Imap;

/// <summary>
/// Logging in was refused by the client itself, before anything was sent: the only ways to log in that the server
/// offers would reveal the password or token on a connection that is not encrypted, and
/// <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off. Use TLS (<see cref="ImapSecurity.ImplicitTls"/> or
/// <see cref="ImapSecurity.StartTls"/>), a server that offers SCRAM, or set that option for a server you reach over a
/// network you trust. The connection stays usable.
/// </summary>
public sealed class ImapAuthenticationException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the client would not log in, and what would change it.</param>
    public ImapAuthenticationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
