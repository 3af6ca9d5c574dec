namespace Imap.IntegrationTests;

/// <summary>Connects the library's client to the test server (<see cref="DovecotFixture.Target"/>), trusting its certificate explicitly.</summary>
internal static class ClientFactory
{
    public static Task<ImapClient> ConnectAsync(ImapSecurity security = ImapSecurity.ImplicitTls, TimeSpan? commandTimeout = null)
    {
        var server = DovecotFixture.Target;
        return ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = server.Host,
            Port = security == ImapSecurity.ImplicitTls ? server.ImapsPort : server.ImapPort,
            Security = security,
            TrustedCertificate = server.Certificate,
            CommandTimeout = commandTimeout ?? TimeSpan.FromMinutes(2),
        });
    }

    public static async Task<ImapClient> LoginAsync(ImapSecurity security = ImapSecurity.ImplicitTls)
    {
        var client = await ConnectAsync(security);
        var user = DovecotFixture.Target.User;
        await client.LoginAsync(user.Name, user.Password);
        return client;
    }
}
