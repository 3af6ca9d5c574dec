using Imap.Sasl;

namespace Imap;

/// <summary>
/// Who logs in and how they prove it: a password (<see cref="Password(string, string)"/>) or an OAuth 2.0 access token
/// (<see cref="OAuth2(string, string)"/>). The secret is checked when the credentials are made, so that a value no
/// mechanism can carry fails before anything is sent, and it never appears in <see cref="ToString"/>.
/// </summary>
public sealed class ImapCredentials
{
    private ImapCredentials(string user, string secret, bool isAccessToken)
    {
        User = user;
        Secret = secret;
        IsAccessToken = isAccessToken;
    }

    /// <summary>The user name (for OAuth 2.0, usually the e-mail address).</summary>
    public string User { get; }

    /// <summary>Whether the secret is an OAuth 2.0 access token rather than a password.</summary>
    public bool IsAccessToken { get; }

    internal string Secret { get; }

    /// <summary>A user name and password, for SCRAM, PLAIN or LOGIN (whichever is strongest on offer).</summary>
    /// <param name="user">The user name; not empty, no NUL.</param>
    /// <param name="password">The password; not empty, no NUL.</param>
    /// <exception cref="ArgumentException">An empty value, or one holding NUL (no IMAP login can carry it).</exception>
    public static ImapCredentials Password(string user, string password)
    {
        CredentialText.RequireNoNul(user, nameof(user));
        CredentialText.RequireNoNul(password, nameof(password));
        return new ImapCredentials(user, password, isAccessToken: false);
    }

    /// <summary>A user and an OAuth 2.0 access token, for OAUTHBEARER (RFC 7628) or XOAUTH2.</summary>
    /// <param name="user">The user (usually the e-mail address); not empty, no control characters.</param>
    /// <param name="accessToken">The access token, an RFC 6750 b64token (letters, digits, <c>-._~+/</c>, trailing <c>=</c>).</param>
    /// <exception cref="ArgumentException">An empty value, a control character in the user, or a token outside b64token.</exception>
    public static ImapCredentials OAuth2(string user, string accessToken)
    {
        CredentialText.RequireNoControl(user, nameof(user));
        CredentialText.RequireBearerToken(accessToken, nameof(accessToken));
        return new ImapCredentials(user, accessToken, isAccessToken: true);
    }

    /// <summary>The user and the kind of secret, never the secret.</summary>
    public override string ToString() => User + (IsAccessToken ? " (access token)" : " (password)");
}
