namespace Imap;

/// <summary>How the connection is protected (RFC 8314, RFC 9051 §6.2.1).</summary>
public enum ImapSecurity
{
    /// <summary>TLS from the first byte, normally on port 993. The default.</summary>
    ImplicitTls,

    /// <summary>
    /// Plain TCP, then STARTTLS, required: if the server does not offer it or refuses it, the connection fails; it
    /// never continues in plaintext.
    /// </summary>
    StartTls,

    /// <summary>
    /// No encryption at all: everything, passwords included, crosses the network readable. Only for a server on
    /// loopback or in tests, and named so that nobody chooses it by accident.
    /// </summary>
    InsecurePlaintext,
}
