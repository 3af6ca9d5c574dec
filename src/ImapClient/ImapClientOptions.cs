using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Imap;

/// <summary>Everything <see cref="ImapClient.ConnectAsync(ImapClientOptions, CancellationToken)"/> needs; safe defaults.</summary>
/// <remarks>
/// A class, not a record: options hold a logger and callbacks, which have no meaningful equality. To vary options,
/// copy them: <c>new ImapClientOptions(options) { CommandTimeout = ... }</c>, or <see cref="Clone"/>.
/// </remarks>
public sealed class ImapClientOptions
{
    /// <summary>Options with the defaults; <see cref="Host"/> must be set.</summary>
    public ImapClientOptions()
    {
    }

    /// <summary>A copy of <paramref name="other"/>, every property included; set any in an initializer to vary it.</summary>
    /// <param name="other">The options to copy.</param>
    [SetsRequiredMembers]
    public ImapClientOptions(ImapClientOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Host = other.Host;
        Port = other.Port;
        Security = other.Security;
        TrustedCertificate = other.TrustedCertificate;
        TrustedCertificateAuthorities = other.TrustedCertificateAuthorities;
        CertificateRevocation = other.CertificateRevocation;
        CertificateValidation = other.CertificateValidation;
        ConnectTimeout = other.ConnectTimeout;
        GreetingTimeout = other.GreetingTimeout;
        CommandTimeout = other.CommandTimeout;
        ServerSilenceTimeout = other.ServerSilenceTimeout;
        Limits = other.Limits;
        EventCapacity = other.EventCapacity;
        IdleRestartInterval = other.IdleRestartInterval;
        IdlePollInterval = other.IdlePollInterval;
        Logger = other.Logger;
        Credentials = other.Credentials;
        AllowedMechanisms = other.AllowedMechanisms;
        AllowCleartextPasswords = other.AllowCleartextPasswords;
        EnableExtensions = other.EnableExtensions;
        DiscoverMailboxes = other.DiscoverMailboxes;
        ClientId = other.ClientId;
        Reconnect = other.Reconnect;
    }

    /// <summary>The server's host name (also the name its certificate must carry) or address.</summary>
    public required string Host { get; init; }

    /// <summary>The port; 0 (the default) means 993 for implicit TLS and 143 otherwise.</summary>
    public int Port { get; init; }

    /// <summary>How the connection is protected. Default: <see cref="ImapSecurity.ImplicitTls"/>.</summary>
    public ImapSecurity Security { get; init; } = ImapSecurity.ImplicitTls;

    /// <summary>
    /// A certificate to trust in addition to the system's roots, compared exactly (for a private or test server with a
    /// self-signed certificate): when the server presents this very certificate it is accepted whatever its chain, name,
    /// dates or revocation say. Host-name and chain validation stay on for every other certificate.
    /// </summary>
    public X509Certificate2? TrustedCertificate { get; init; }

    /// <summary>
    /// Certificate authorities to trust instead of the system's roots (a private CA): when not empty, a server
    /// certificate must chain to one of these (<see cref="X509ChainTrustMode.CustomRootTrust"/>), and the system's
    /// roots are not used. Host-name, date and revocation checks stay on. Default: empty, the system's roots.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustedCertificateAuthorities { get; init; } = [];

    /// <summary>
    /// How the server certificate's revocation is checked. Default <see cref="CertificateRevocation.Online"/>: online
    /// with the platform's cache; a revoked certificate is rejected, one whose status cannot be learned is accepted.
    /// Not used when <see cref="CertificateValidation"/> is set.
    /// </summary>
    public CertificateRevocation CertificateRevocation { get; init; } = CertificateRevocation.Online;

    /// <summary>
    /// Replaces the certificate validation entirely when set: the callback alone decides, over the chain .NET builds
    /// by default, without revocation checking; <see cref="TrustedCertificate"/>,
    /// <see cref="TrustedCertificateAuthorities"/> and <see cref="CertificateRevocation"/> are not used, and a refusal
    /// is reported by the TLS stack, not as <see cref="ImapCertificateException"/>. Use with care.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>How long the TCP connection and TLS handshake may take. Default 30 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the server's greeting. Default 30 seconds.</summary>
    public TimeSpan GreetingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a command may take once sent before the connection is declared broken
    /// (<see cref="ImapTimeoutException"/> for everything pending). Default: no limit.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// How long the server may send nothing at all while a command waits for its answer before the link is presumed
    /// dead: everything pending then fails with <see cref="ImapTimeoutException"/> and the connection is closed. Any
    /// byte resets the clock, so a large transfer that keeps flowing never trips it, and an IDLE the server has
    /// accepted does not count as waiting. Default 2 minutes; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// TCP keep-alive is on as well, to detect a dead peer when no command waits.
    /// </summary>
    public TimeSpan ServerSilenceTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Bounds on what the server may send. Default <see cref="ImapLimits.Default"/>.</summary>
    public ImapLimits Limits { get; init; } = ImapLimits.Default;

    /// <summary>
    /// How many unsolicited mailbox events (EXISTS, EXPUNGE, flag changes ...) are kept for a slow consumer; the reader
    /// never waits for the consumer. Past this many unread events, new ones are dropped and the consumer is told with
    /// one <see cref="EventsDropped"/> at the point where they went missing. Default 1024.
    /// </summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>
    /// How long one IDLE lasts before it is re-issued, below the 30-minute inactivity timeout of RFC 2177 and RFC 9051
    /// §5.4. Default 29 minutes.
    /// </summary>
    public TimeSpan IdleRestartInterval { get; init; } = TimeSpan.FromMinutes(29);

    /// <summary>
    /// How often <see cref="ImapClient.IdleAsync"/> polls with NOOP on a server without IDLE (RFC 2177), so that the
    /// changes still arrive as events. Default 1 minute; at least 100 ms.
    /// </summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where the protocol trace goes: every line sent and received at <see cref="LogLevel.Trace"/> (passwords, tokens
    /// and SASL exchanges shown as "***"), skipped malformed responses as warnings, and the end of the connection at
    /// <see cref="LogLevel.Debug"/>. Default: none.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Credentials to log in with right after connecting (and after STARTTLS), through
    /// <see cref="ImapClient.AuthenticateAsync(ImapCredentials, CancellationToken)"/>; null (the default) leaves the
    /// session unauthenticated. Ignored when the server greets with PREAUTH.
    /// </summary>
    public ImapCredentials? Credentials { get; init; }

    /// <summary>
    /// The ways of logging in that <see cref="ImapClient.AuthenticateAsync(ImapCredentials, CancellationToken)"/> may use;
    /// the strongest one the server offers is chosen. Default <see cref="AuthenticationMechanisms.All"/>. Set
    /// <see cref="AuthenticationMechanisms.Scram"/> to require that the password never crosses the wire, or
    /// <see cref="AuthenticationMechanisms.ScramSha256Plus"/> | <see cref="AuthenticationMechanisms.ScramSha1Plus"/> to
    /// require channel binding as well.
    /// </summary>
    public AuthenticationMechanisms AllowedMechanisms { get; init; } = AuthenticationMechanisms.All;

    /// <summary>
    /// Whether a password or token may be sent readable on a connection that is not encrypted: the LOGIN command,
    /// AUTHENTICATE PLAIN and LOGIN, and the OAuth 2.0 mechanisms (a bearer token is as good as a password to whoever
    /// reads it). Default false: on such a connection only SCRAM (RFC 5802, RFC 7677) is used, which never sends the
    /// password, and otherwise logging in fails with <see cref="ImapAuthenticationException"/> before anything is sent.
    /// Choosing <see cref="ImapSecurity.InsecurePlaintext"/> does not imply this; set both only for a server on loopback
    /// or in tests. Has no effect on an encrypted connection.
    /// </summary>
    public bool AllowCleartextPasswords { get; init; }

    /// <summary>
    /// Extensions to ENABLE (RFC 5161) right after login, those the server offers: by default IMAP4rev2 (RFC 9051) and
    /// UTF8=ACCEPT (RFC 6855), under which mailbox names are UTF-8. Add "CONDSTORE" or "QRESYNC" (RFC 7162) to have
    /// modification sequences; set an empty list to enable nothing.
    /// </summary>
    public IReadOnlyList<string> EnableExtensions { get; init; } = ["IMAP4rev2", "UTF8=ACCEPT"];

    /// <summary>
    /// Whether to read the server's namespaces (<see cref="ImapClient.Namespaces"/>) and find its special mailboxes
    /// (<see cref="ImapClient.SpecialMailboxes"/>: Sent, Trash, Drafts ...) right after login, in the same round trip as
    /// ENABLE. Default true.
    /// </summary>
    public bool DiscoverMailboxes { get; init; } = true;

    /// <summary>
    /// The client's ID fields (RFC 2971 §3.3: "name", "version", "vendor" ...) to send right after login when the server
    /// offers ID; the answer is <see cref="ImapClient.ServerId"/>. Default null: no ID is sent.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? ClientId { get; init; }

    /// <summary>
    /// Reconnect by itself after the connection dropped unexpectedly (not after <see cref="ImapClient.LogoutAsync"/> or
    /// <see cref="ImapClient.DisposeAsync"/>): with backoff, logging in again with <see cref="Credentials"/> (required),
    /// enabling the same extensions and selecting the mailbox again, with QRESYNC where it can. Default null: off, a drop
    /// closes the client. See <see cref="ReconnectPolicy"/> and docs/reconnect.md.
    /// </summary>
    public ReconnectPolicy? Reconnect { get; init; }

    /// <summary>A copy of these options (a shallow one: the logger, callbacks and certificates are shared).</summary>
    /// <returns>New options equal in every property.</returns>
    public ImapClientOptions Clone() => new(this);

    internal int EffectivePort => Port != 0 ? Port : Security == ImapSecurity.ImplicitTls ? 993 : 143;
}
