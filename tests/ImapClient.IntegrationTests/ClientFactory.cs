namespace Imap.IntegrationTests;

/// <summary>Connects the library's client to the test server (<see cref="DovecotFixture.Target"/>), trusting its certificate explicitly.</summary>
internal static class ClientFactory
{
    public static Task<ImapClient> ConnectAsync(ImapSecurity security = ImapSecurity.ImplicitTls, TimeSpan? commandTimeout = null, IReadOnlyList<string>? enable = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var server = DovecotFixture.Target;
        var options = new ImapClientOptions
        {
            Host = server.Host,
            Port = security == ImapSecurity.ImplicitTls ? server.ImapsPort : server.ImapPort,
            Security = security,
            TrustedCertificate = server.Certificate,
            CommandTimeout = commandTimeout ?? TimeSpan.FromMinutes(2),
            Logger = logger,
        };
        return ImapClient.ConnectAsync(enable is null ? options : new ImapClientOptions(options) { EnableExtensions = [.. options.EnableExtensions, .. enable] });
    }

    public static async Task<ImapClient> LoginAsync(ImapSecurity security = ImapSecurity.ImplicitTls, IReadOnlyList<string>? enable = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var client = await ConnectAsync(security, enable: enable, logger: logger);
        var user = DovecotFixture.Target.User;
        await client.LoginAsync(user.Name, user.Password);

        // The post-login setup (NAMESPACE, a LIST of the special mailboxes) is still answering when LoginAsync returns.
        // Ending on its completion keeps a new session's setup from running beside another connection's CREATE, which
        // Dovecot then sometimes answers NO [ALREADYEXISTS] although it did create the mailbox (about one try in
        // twenty; it made MessageOperationsTests.Sequence_numbers_stay_right_while_a_second_connection_expunges flaky).
        await client.WaitForSessionSetupAsync();
        return client;
    }
}
