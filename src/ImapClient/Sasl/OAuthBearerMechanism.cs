using System.Globalization;
using System.Text;

namespace Imap.Sasl;

/// <summary>
/// OAUTHBEARER (RFC 7628 §3.1): one client message, a GS2 header naming the user followed by key/value pairs
/// separated by ^A (host, port, <c>auth=Bearer {token}</c>). When the token is refused the server sends a base64 JSON
/// error as a challenge; the client answers with a single ^A (RFC 7628 §3.2.3) and the server completes with NO.
/// </summary>
internal sealed class OAuthBearerMechanism : SaslMechanism
{
    private readonly string user;
    private readonly string accessToken;
    private readonly string host;
    private readonly int port;
    private bool refused;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="user">The authorization identity sent in the GS2 header.</param>
    /// <param name="accessToken">The OAuth 2.0 access token (RFC 6750 b64token).</param>
    /// <param name="host">The server's host name, as connected to.</param>
    /// <param name="port">The server's port, as connected to.</param>
    public OAuthBearerMechanism(string user, string accessToken, string host, int port)
    {
        CredentialText.RequireNoControl(user, nameof(user));
        CredentialText.RequireBearerToken(accessToken, nameof(accessToken));
        CredentialText.RequireNoControl(host, nameof(host));
        this.user = user;
        this.accessToken = accessToken;
        this.host = host;
        this.port = port;
    }

    public override string Name => "OAUTHBEARER";

    public override bool IsClientFirst => true;

    /// <summary>The server's error report (JSON), when it refused the token.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// <c>gs2-header kvsep *kvpair kvsep</c>, where the GS2 header is <c>n,a=saslname,</c> (no channel binding:
    /// RFC 7628 §3.1 does not define any for OAUTHBEARER).
    /// </summary>
    public override byte[] GetInitialResponse() => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"n,a={SaslName.Escape(user)},\u0001host={host}\u0001port={port}\u0001auth=Bearer {accessToken}\u0001\u0001"));

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (refused)
        {
            throw UnexpectedChallenge();
        }

        refused = true;
        Error = CredentialText.DecodeServerText(challenge);
        return [0x01];
    }

    public override void CheckSuccess()
    {
        if (refused)
        {
            throw new ImapProtocolException("The server said OK to OAUTHBEARER after it reported an error: " + Error);
        }
    }
}
