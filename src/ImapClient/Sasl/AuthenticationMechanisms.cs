namespace Imap;

/// <summary>
/// The ways to log in that <see cref="ImapClient.AuthenticateAsync(ImapCredentials, CancellationToken)"/> may use,
/// as a set (<see cref="ImapClientOptions.AllowedMechanisms"/>), or the one it used (its result). Among those allowed
/// and offered by the server, the strongest is chosen: for a password SCRAM-SHA-256-PLUS, SCRAM-SHA-256,
/// SCRAM-SHA-1-PLUS, SCRAM-SHA-1, PLAIN, the LOGIN command, then AUTHENTICATE LOGIN; for an OAuth 2.0 token
/// OAUTHBEARER, then XOAUTH2.
/// </summary>
[Flags]
public enum AuthenticationMechanisms
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>The LOGIN command (RFC 9051 §6.2.3): the password in the clear inside TLS. Not used when the server says LOGINDISABLED.</summary>
    Login = 1 << 0,

    /// <summary>AUTHENTICATE LOGIN, the de-facto "Username:"/"Password:" mechanism; the last resort.</summary>
    SaslLogin = 1 << 1,

    /// <summary>AUTHENTICATE PLAIN (RFC 4616): the password in the clear inside TLS.</summary>
    Plain = 1 << 2,

    /// <summary>SCRAM-SHA-1 (RFC 5802): the password is never sent, and the server proves that it knows it.</summary>
    ScramSha1 = 1 << 3,

    /// <summary>SCRAM-SHA-1-PLUS (RFC 5802, RFC 5929): SCRAM-SHA-1 bound to the TLS channel (tls-server-end-point).</summary>
    ScramSha1Plus = 1 << 4,

    /// <summary>SCRAM-SHA-256 (RFC 7677).</summary>
    ScramSha256 = 1 << 5,

    /// <summary>SCRAM-SHA-256-PLUS (RFC 7677, RFC 5929): SCRAM-SHA-256 bound to the TLS channel (tls-server-end-point).</summary>
    ScramSha256Plus = 1 << 6,

    /// <summary>XOAUTH2: an OAuth 2.0 bearer token, as Gmail and Outlook.com first accepted it.</summary>
    XOAuth2 = 1 << 7,

    /// <summary>OAUTHBEARER (RFC 7628): an OAuth 2.0 bearer token.</summary>
    OAuthBearer = 1 << 8,

    /// <summary>Every SCRAM variant: the set to require so that no password ever crosses the wire.</summary>
    Scram = ScramSha1 | ScramSha1Plus | ScramSha256 | ScramSha256Plus,

    /// <summary>Every mechanism. The default.</summary>
    All = Login | SaslLogin | Plain | Scram | XOAuth2 | OAuthBearer,
}
