namespace Imap.Sasl;

/// <summary>
/// Chooses how to log in from the credentials, the server's capabilities (<c>AUTH=</c>, LOGINDISABLED), what the caller
/// allows, and whether the connection can offer channel binding; then builds the chosen mechanism.
/// </summary>
internal static class MechanismSelection
{
    /// <summary>
    /// The mechanisms that never put the secret on the wire (SCRAM proves knowledge of the password without sending it),
    /// the only ones used on an unencrypted connection unless cleartext is allowed by name.
    /// </summary>
    public const AuthenticationMechanisms SecretKept = AuthenticationMechanisms.Scram;

    /// <summary>For a password, strongest first (the order the API documents).</summary>
    private static readonly AuthenticationMechanisms[] PasswordOrder =
    [
        AuthenticationMechanisms.ScramSha256Plus,
        AuthenticationMechanisms.ScramSha256,
        AuthenticationMechanisms.ScramSha1Plus,
        AuthenticationMechanisms.ScramSha1,
        AuthenticationMechanisms.Plain,
        AuthenticationMechanisms.Login,
        AuthenticationMechanisms.SaslLogin,
    ];

    private static readonly AuthenticationMechanisms[] TokenOrder =
    [
        AuthenticationMechanisms.OAuthBearer,
        AuthenticationMechanisms.XOAuth2,
    ];

    /// <summary>The SASL name of a mechanism, or null for the LOGIN command.</summary>
    public static string? SaslName(AuthenticationMechanisms mechanism) => mechanism switch
    {
        AuthenticationMechanisms.SaslLogin => "LOGIN",
        AuthenticationMechanisms.Plain => "PLAIN",
        AuthenticationMechanisms.ScramSha1 => "SCRAM-SHA-1",
        AuthenticationMechanisms.ScramSha1Plus => "SCRAM-SHA-1-PLUS",
        AuthenticationMechanisms.ScramSha256 => "SCRAM-SHA-256",
        AuthenticationMechanisms.ScramSha256Plus => "SCRAM-SHA-256-PLUS",
        AuthenticationMechanisms.XOAuth2 => "XOAUTH2",
        AuthenticationMechanisms.OAuthBearer => "OAUTHBEARER",
        _ => null,
    };

    /// <summary>The strongest mechanism that is allowed, offered and usable, or <see cref="AuthenticationMechanisms.None"/>.</summary>
    /// <param name="accessToken">Whether the credentials are an OAuth 2.0 token rather than a password.</param>
    /// <param name="capabilities">The server's capabilities, compared ignoring case.</param>
    /// <param name="allowed">What the caller allows.</param>
    /// <param name="channelBinding">Whether the connection can give tls-server-end-point data (it is TLS).</param>
    public static AuthenticationMechanisms Choose(bool accessToken, IReadOnlySet<string> capabilities, AuthenticationMechanisms allowed, bool channelBinding)
    {
        foreach (var candidate in accessToken ? TokenOrder : PasswordOrder)
        {
            if ((allowed & candidate) != 0 && IsUsable(candidate, capabilities, channelBinding))
            {
                return candidate;
            }
        }

        return AuthenticationMechanisms.None;
    }

    /// <summary>Builds the SASL mechanism for <paramref name="choice"/> (anything but the LOGIN command).</summary>
    /// <param name="choice">What <see cref="Choose"/> returned.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="capabilities">The server's capabilities (for the SCRAM channel-binding flag).</param>
    /// <param name="channelBinding">The tls-server-end-point data, or null without TLS.</param>
    /// <param name="host">The host connected to (OAUTHBEARER names it).</param>
    /// <param name="port">The port connected to (OAUTHBEARER names it).</param>
    /// <param name="limits">The limits (SCRAM iteration count).</param>
    public static SaslMechanism Create(
        AuthenticationMechanisms choice,
        ImapCredentials credentials,
        IReadOnlySet<string> capabilities,
        byte[]? channelBinding,
        string host,
        int port,
        ImapLimits limits) => choice switch
    {
        AuthenticationMechanisms.Plain => new PlainMechanism(credentials.User, credentials.Secret),
        AuthenticationMechanisms.SaslLogin => new LoginMechanism(credentials.User, credentials.Secret),
        AuthenticationMechanisms.XOAuth2 => new XOAuth2Mechanism(credentials.User, credentials.Secret),
        AuthenticationMechanisms.OAuthBearer => new OAuthBearerMechanism(credentials.User, credentials.Secret, host, port),
        AuthenticationMechanisms.ScramSha1 or AuthenticationMechanisms.ScramSha256 => new ScramMechanism(
            choice == AuthenticationMechanisms.ScramSha1 ? ScramHash.Sha1 : ScramHash.Sha256,
            credentials.User,
            credentials.Secret,
            UnboundFlag(capabilities, channelBinding),
            limits.MaxScramIterations),
        AuthenticationMechanisms.ScramSha1Plus or AuthenticationMechanisms.ScramSha256Plus => new ScramMechanism(
            choice == AuthenticationMechanisms.ScramSha1Plus ? ScramHash.Sha1 : ScramHash.Sha256,
            credentials.User,
            credentials.Secret,
            ScramChannelBinding.TlsServerEndPoint(channelBinding ?? throw new InvalidOperationException("-PLUS needs channel binding data.")),
            limits.MaxScramIterations),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a single SASL mechanism."),
    };

    /// <summary>
    /// The GS2 flag for SCRAM without binding (RFC 5802 §6): "y" when this client could bind but the server offers no
    /// -PLUS mechanism at all, so that a server which does support binding detects that -PLUS was stripped on the way;
    /// "n" when the connection has nothing to bind to, or when the server does offer -PLUS and the caller chose not
    /// to use it ("y" would then make the server fail the exchange).
    /// </summary>
    internal static ScramChannelBinding UnboundFlag(IReadOnlySet<string> capabilities, byte[]? channelBinding) =>
        channelBinding is not null && !OffersPlus(capabilities)
            ? ScramChannelBinding.NotOfferedByServer
            : ScramChannelBinding.NotSupported;

    private static bool OffersPlus(IReadOnlySet<string> capabilities) =>
        capabilities.Any(c => c.StartsWith("AUTH=SCRAM-", StringComparison.OrdinalIgnoreCase) && c.EndsWith("-PLUS", StringComparison.OrdinalIgnoreCase));

    private static bool IsUsable(AuthenticationMechanisms candidate, IReadOnlySet<string> capabilities, bool channelBinding)
    {
        if (candidate == AuthenticationMechanisms.Login)
        {
            return !capabilities.Contains("LOGINDISABLED");
        }

        if (candidate is AuthenticationMechanisms.ScramSha1Plus or AuthenticationMechanisms.ScramSha256Plus && !channelBinding)
        {
            return false;
        }

        return capabilities.Contains("AUTH=" + SaslName(candidate));
    }
}
