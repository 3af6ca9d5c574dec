namespace Imap.IntegrationTests;

/// <summary>Connects the library's client to the test server (<see cref="DovecotFixture.Target"/>), trusting its certificate explicitly.</summary>
internal static class ClientFactory
{
    public static Task<ImapClient> ConnectAsync(ImapSecurity security = ImapSecurity.ImplicitTls, TimeSpan? commandTimeout = null, IReadOnlyList<string>? enable = null)
    {
        var server = DovecotFixture.Target;
        var options = new ImapClientOptions
        {
            Host = server.Host,
            Port = security == ImapSecurity.ImplicitTls ? server.ImapsPort : server.ImapPort,
            Security = security,
            TrustedCertificate = server.Certificate,
            CommandTimeout = commandTimeout ?? TimeSpan.FromMinutes(2),
        };
        return ImapClient.ConnectAsync(enable is null ? options : new ImapClientOptions(options) { EnableExtensions = [.. options.EnableExtensions, .. enable] });
    }

    public static async Task<ImapClient> LoginAsync(ImapSecurity security = ImapSecurity.ImplicitTls, IReadOnlyList<string>? enable = null)
    {
        var client = await ConnectAsync(security, enable: enable);
        var user = DovecotFixture.Target.User;
        await client.LoginAsync(user.Name, user.Password);
        return client;
    }
}
