using Imap.Commands;

namespace Imap;

/// <summary>Session commands: CAPABILITY, NOOP, LOGIN, AUTHENTICATE, LOGOUT, and the low-level escape hatch.</summary>
public sealed partial class ImapClient
{
    /// <summary>Reads the capabilities again (RFC 9051 §6.1.1); <see cref="Capabilities"/> is updated.</summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task CapabilityAsync(CancellationToken cancellationToken = default) =>
        connection.Dispatcher.RunAsync(new CapabilityCommand(), cancellationToken);

    /// <summary>NOOP (RFC 9051 §6.1.2): a round trip that lets the server report changes.</summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        connection.Dispatcher.RunAsync(new NoopCommand(), cancellationToken);

    /// <summary>
    /// LOGIN (RFC 9051 §6.2.3). Refused before anything is sent when the server says LOGINDISABLED or when the
    /// connection is not encrypted and <see cref="ImapSecurity.InsecurePlaintext"/> was not chosen explicitly.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ImapCommandException">The server refused the credentials (often with AUTHENTICATIONFAILED).</exception>
    public async Task LoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        EnsureCredentialsMaySend();
        if (capabilities.Contains("LOGINDISABLED"))
        {
            throw new InvalidOperationException("The server disabled LOGIN (LOGINDISABLED); use AuthenticatePlainAsync or another SASL mechanism.");
        }

        bool hadCapabilities = await connection.Dispatcher.RunAsync(new LoginCommand(user, password), cancellationToken).ConfigureAwait(false);
        await AfterAuthenticationAsync(hadCapabilities, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// AUTHENTICATE PLAIN (RFC 4616), with the initial response inline when the server offers SASL-IR (RFC 4959).
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public async Task AuthenticatePlainAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        EnsureCredentialsMaySend();
        var command = new AuthenticatePlainCommand(user, password, capabilities.Contains("SASL-IR"));
        bool hadCapabilities = await connection.Dispatcher.RunAsync(command, cancellationToken).ConfigureAwait(false);
        await AfterAuthenticationAsync(hadCapabilities, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>LOGOUT (RFC 9051 §6.1.3): ends the session politely; the connection then closes.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        await connection.Dispatcher.RunAsync(new LogoutCommand(), cancellationToken).ConfigureAwait(false);
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
        return connection.Dispatcher.RunAsync(new RawCommand(command), cancellationToken);
    }

    internal Task<TResult> RunAsync<TResult>(Dispatch.PendingCommand<TResult> command, CancellationToken cancellationToken) =>
        connection.Dispatcher.RunAsync(command, cancellationToken);

    private void EnsureCredentialsMaySend()
    {
        if (!connection.IsEncrypted && Options.Security != ImapSecurity.InsecurePlaintext)
        {
            throw new InvalidOperationException("Refusing to send credentials over an unencrypted connection.");
        }
    }

    private async Task AfterAuthenticationAsync(bool hadCapabilities, CancellationToken cancellationToken)
    {
        IsAuthenticated = true;

        // Capabilities change after authentication (RFC 9051 §6.2.3); most servers include them in the OK, which the
        // client already took. Ask only when they did not.
        if (!hadCapabilities)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
