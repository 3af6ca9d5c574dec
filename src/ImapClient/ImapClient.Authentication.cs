using Imap.Commands;
using Imap.Sasl;

namespace Imap;

/// <summary>
/// Authentication (LOGIN, AUTHENTICATE) and the commands valid in any state beside it: CAPABILITY, NOOP, LOGOUT, the
/// low-level escape hatch, and <c>RunAsync</c>, the one way every command runs.
/// </summary>
public sealed partial class ImapClient
{
    /// <summary>Reads the capabilities again (RFC 9051 §6.1.1); <see cref="Capabilities"/> is updated.</summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task CapabilityAsync(CancellationToken cancellationToken = default) =>
        RunReadOnlyAsync(static _ => new CapabilityCommand(), 0, cancellationToken);

    /// <summary>NOOP (RFC 9051 §6.1.2): a round trip that lets the server report changes.</summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        RunReadOnlyAsync(static _ => NoopCommand.Rent(), 0, cancellationToken);

    /// <summary>
    /// Logs in with the strongest mechanism that the server offers (its <c>AUTH=</c> capabilities) and that
    /// <see cref="ImapClientOptions.AllowedMechanisms"/> allows: for a password SCRAM-SHA-256-PLUS, SCRAM-SHA-256,
    /// SCRAM-SHA-1-PLUS, SCRAM-SHA-1 (RFC 5802, RFC 7677; -PLUS only over TLS), PLAIN (RFC 4616), the LOGIN command
    /// (unless LOGINDISABLED), then AUTHENTICATE LOGIN; for an OAuth 2.0 token OAUTHBEARER (RFC 7628), then XOAUTH2.
    /// The initial response goes inline when the server offers SASL-IR (RFC 4959). A failed attempt is not retried
    /// with a weaker mechanism.
    /// </summary>
    /// <param name="credentials">Who logs in, and the password or token.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <returns>The mechanism that was used (a single flag).</returns>
    /// <exception cref="InvalidOperationException">Already authenticated, or no allowed mechanism is offered. Nothing was sent.</exception>
    /// <exception cref="ImapAuthenticationException">
    /// The connection is not encrypted, the server offers no SCRAM mechanism that is allowed, and
    /// <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off: every other way would reveal the secret. Nothing
    /// was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused (NO, usually with AUTHENTICATIONFAILED, or BAD).</exception>
    /// <exception cref="ImapProtocolException">
    /// The server's SASL data was malformed or exceeded a limit (the exchange was cancelled; the connection stays), or
    /// the server said OK without proving itself (a SCRAM server signature that does not verify): then the session is
    /// not authenticated and the connection is closed, since the server may be an impostor.
    /// </exception>
    public async Task<AuthenticationMechanisms> AuthenticateAsync(ImapCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        EnsureMayAuthenticate();
        byte[]? channelBinding = connection.GetTlsServerEndPoint();
        var allowed = MayRevealSecret ? Options.AllowedMechanisms : Options.AllowedMechanisms & MechanismSelection.SecretKept;
        var choice = MechanismSelection.Choose(credentials.IsAccessToken, Capabilities, allowed, channelBinding is not null);
        if (choice == AuthenticationMechanisms.None
            && MechanismSelection.Choose(credentials.IsAccessToken, Capabilities, Options.AllowedMechanisms, channelBinding is not null) is var revealing
            && revealing != AuthenticationMechanisms.None)
        {
            throw CleartextRefused(MechanismSelection.SaslName(revealing) is { } name ? "AUTHENTICATE " + name : "LOGIN");
        }

        if (choice == AuthenticationMechanisms.None)
        {
            string offered = string.Join(' ', Capabilities.Where(c => c.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
            throw new InvalidOperationException(
                $"No allowed mechanism for {(credentials.IsAccessToken ? "an access token" : "a password")} is offered by the server " +
                $"(allowed: {Options.AllowedMechanisms}; offered: {(offered.Length == 0 ? "no AUTH=" : offered)}" +
                $"{(Capabilities.Contains("LOGINDISABLED") ? ", LOGINDISABLED" : string.Empty)}).");
        }

        if (choice == AuthenticationMechanisms.Login)
        {
            bool hadCapabilities = await RunAsync(new LoginCommand(credentials.User, credentials.Secret), cancellationToken).ConfigureAwait(false);
            await AfterAuthenticationAsync(hadCapabilities, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var mechanism = MechanismSelection.Create(choice, credentials, Capabilities, channelBinding, Options.Host, Options.EffectivePort, Options.Limits);
            await AuthenticateAsync(mechanism, cancellationToken).ConfigureAwait(false);
        }

        return choice;
    }

    /// <summary>
    /// LOGIN (RFC 9051 §6.2.3). Refused before anything is sent when the server says LOGINDISABLED or when the
    /// connection is not encrypted and <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off.
    /// <see cref="AuthenticateAsync(ImapCredentials, CancellationToken)"/> picks a stronger way when there is one.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="InvalidOperationException">Already authenticated, or the server said LOGINDISABLED. Nothing was sent.</exception>
    /// <exception cref="ImapAuthenticationException">
    /// The connection is not encrypted and <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off. Nothing was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused the credentials (often with AUTHENTICATIONFAILED).</exception>
    public async Task LoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        EnsureMayAuthenticate();
        EnsureMayRevealSecret("LOGIN");
        if (Capabilities.Contains("LOGINDISABLED"))
        {
            throw new InvalidOperationException("The server disabled LOGIN (LOGINDISABLED); use AuthenticateAsync, which picks a SASL mechanism.");
        }

        bool hadCapabilities = await RunAsync(new LoginCommand(user, password), cancellationToken).ConfigureAwait(false);
        await AfterAuthenticationAsync(hadCapabilities, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// AUTHENTICATE PLAIN (RFC 4616), with the initial response inline when the server offers SASL-IR (RFC 4959), even
    /// when the server does not list AUTH=PLAIN. Refused before anything is sent when the connection is not encrypted
    /// and <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">The user name or password is empty or holds NUL.</exception>
    /// <exception cref="ImapAuthenticationException">
    /// The connection is not encrypted and <see cref="ImapClientOptions.AllowCleartextPasswords"/> is off. Nothing was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused the credentials (often with AUTHENTICATIONFAILED).</exception>
    public Task AuthenticatePlainAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        var mechanism = new PlainMechanism(user, password);
        EnsureMayAuthenticate();
        EnsureMayRevealSecret("AUTHENTICATE PLAIN");
        return AuthenticateAsync(mechanism, cancellationToken);
    }

    /// <summary>LOGOUT (RFC 9051 §6.1.3): ends the session politely; the connection then closes.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        StopReconnecting();
        await RunAsync(new LogoutCommand(), cancellationToken).ConfigureAwait(false);
        connection.Dispatcher.Shutdown(new ImapConnectionException("The session was logged out."));
    }

    /// <summary>
    /// Sends a command built by hand and returns its status and the untagged responses it collected. NO and BAD are
    /// returned, not thrown. The command goes through the same safe writer and the same pipeline as every other.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<ImapResult> ExecuteAsync(ImapCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return RunAsync(new RawCommand(command), cancellationToken);
    }

    /// <summary>
    /// The one way every command of this client runs (the typed API, <see cref="SelectedMailbox"/>, the escape hatch):
    /// built, queued, sent and awaited by the connection's dispatcher.
    /// </summary>
    /// <remarks>
    /// While the post-login setup is still answering (<see cref="SessionSetup"/>), a command's result is handed over only
    /// once the setup is done too, so that what the setup fills in (<see cref="Namespaces"/>, <see cref="SpecialMailboxes"/>,
    /// <see cref="ServerId"/>) is known by the time any later command completes. The server answers in order, so this
    /// costs no round trip.
    /// </remarks>
    internal Task<TResult> RunAsync<TResult>(Dispatch.PendingCommand<TResult> command, CancellationToken cancellationToken)
    {
        if (MustWaitForLink)
        {
            return RunAfterReconnectAsync(command, cancellationToken);
        }

        var run = connection.Dispatcher.RunAsync(command, cancellationToken);
        var setup = SessionSetup;
        return setup.IsCompleted || InSessionSetup.Value ? run : AfterSessionSetupAsync(run, setup);
    }

    private static async Task<TResult> AfterSessionSetupAsync<TResult>(Task<TResult> run, Task setup)
    {
        var result = await run.ConfigureAwait(false);
        await setup.ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs AUTHENTICATE with <paramref name="mechanism"/>; drops the connection when an OK cannot be trusted.</summary>
    private async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        var command = new AuthenticateCommand(mechanism, Capabilities.Contains("SASL-IR"), Options.Limits);
        bool hadCapabilities;
        try
        {
            hadCapabilities = await RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapProtocolException e) when (command.AcceptedUnverified)
        {
            // The server calls the session authenticated without having proved who it is: whatever is sent next could
            // go to an impostor, so nothing is.
            connection.Dispatcher.Shutdown(e);
            throw;
        }

        await AfterAuthenticationAsync(hadCapabilities, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a password or token may cross the wire readable here: always inside TLS; on a connection that is not
    /// encrypted only when the caller said so by name. Choosing plaintext transport is not that permission.
    /// </summary>
    private bool MayRevealSecret => connection.IsEncrypted || Options.AllowCleartextPasswords;

    /// <summary>Login is for a session that is not authenticated yet.</summary>
    private void EnsureMayAuthenticate()
    {
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("The session is already authenticated.");
        }
    }

    /// <summary>Refuses, before anything is sent, a way of logging in that shows the secret on an unencrypted connection.</summary>
    private void EnsureMayRevealSecret(string command)
    {
        if (!MayRevealSecret)
        {
            throw CleartextRefused(command);
        }
    }

    private static ImapAuthenticationException CleartextRefused(string command) => new(
        $"Refusing to log in with {command}: it would send the password or token readable over a connection that is not " +
        "encrypted. Use SCRAM (AuthenticateAsync picks it when the server offers it), connect with TLS (ImapSecurity." +
        "ImplicitTls or StartTls), or set ImapClientOptions.AllowCleartextPasswords for a server on a network you trust. " +
        "Nothing was sent.");

    private async Task AfterAuthenticationAsync(bool hadCapabilities, CancellationToken cancellationToken)
    {
        IsAuthenticated = true;

        // Capabilities change after authentication (RFC 9051 §6.2.3); most servers include them in the OK, which the
        // client already took. Ask only when they did not.
        if (!hadCapabilities)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }

        // The setup's commands are queued now, in order, but not awaited: the caller's first command (a SELECT, say)
        // goes out behind them without waiting for their answers, so login and setup cost no extra round trip.
        StartSessionSetup();
    }
}
