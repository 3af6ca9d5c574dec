using Imap.TestServer;

namespace Imap.MimeKit.Tests.Dovecot;

/// <summary>Starts a private Dovecot with generated mail for the tests in this namespace, and stops it after them.</summary>
[SetUpFixture]
public sealed class DovecotSetUp
{
    /// <summary>Generated messages in the INBOX: enough to include attachments, nested messages and odd charsets.</summary>
    public const int InboxMessages = 60;

    private static DovecotInstance? instance;

    public static DovecotInstance Server => instance ?? throw new InvalidOperationException("Dovecot is not running.");

    [OneTimeSetUp]
    public async Task StartAsync() => instance = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = InboxMessages });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
            instance = null;
        }
    }

    /// <summary>A client logged in as the primary user over implicit TLS, trusting the server's certificate.</summary>
    public static Task<ImapClient> LoginAsync() => ImapClient.ConnectAsync(new ImapClientOptions
    {
        Host = Server.Host,
        Port = Server.ImapsPort,
        TrustedCertificate = Server.Certificate,
        Credentials = ImapCredentials.Password(Server.PrimaryUser.Name, Server.PrimaryUser.Password),
        CommandTimeout = TimeSpan.FromMinutes(1),
    });
}
