using System.Text;

namespace Imap.Sasl;

/// <summary>
/// XOAUTH2 (Google's and Microsoft's bearer-token mechanism, the predecessor of OAUTHBEARER): one client message,
/// <c>user={user}^Aauth=Bearer {token}^A^A</c>. When the token is refused the server sends a base64 JSON error as a
/// challenge; the client must answer it with an empty response, after which the server completes with NO.
/// </summary>
internal sealed class XOAuth2Mechanism : SaslMechanism
{
    private readonly string user;
    private readonly string accessToken;
    private bool refused;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="user">The user (usually the e-mail address).</param>
    /// <param name="accessToken">The OAuth 2.0 access token (RFC 6750 b64token).</param>
    public XOAuth2Mechanism(string user, string accessToken)
    {
        CredentialText.RequireNoControl(user, nameof(user));
        CredentialText.RequireBearerToken(accessToken, nameof(accessToken));
        this.user = user;
        this.accessToken = accessToken;
    }

    public override string Name => "XOAUTH2";

    public override bool IsClientFirst => true;

    /// <summary>The server's error report (JSON), when it refused the token.</summary>
    public string? Error { get; private set; }

    public override byte[] GetInitialResponse() => Encoding.UTF8.GetBytes("user=" + user + "\u0001auth=Bearer " + accessToken + "\u0001\u0001");

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (refused)
        {
            throw UnexpectedChallenge();
        }

        refused = true;
        Error = CredentialText.DecodeServerText(challenge);
        return [];
    }

    public override void CheckSuccess()
    {
        if (refused)
        {
            throw new ImapProtocolException("The server said OK to XOAUTH2 after it reported an error: " + Error);
        }
    }
}
