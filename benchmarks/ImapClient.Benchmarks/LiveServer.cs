using System.Net;
using Imap.TestServer;
using MailKit.Security;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks;

/// <summary>
/// The private Dovecot with generated mail, behind a TCP proxy that delays each direction by 5 ms (a 10 ms round
/// trip), shared by the end-to-end benchmarks of one process.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    public static readonly TimeSpan OneWayDelay = TimeSpan.FromMilliseconds(5);

    private LiveServer(DovecotInstance dovecot, DelayProxy proxy)
    {
        Dovecot = dovecot;
        Proxy = proxy;
    }

    public DovecotInstance Dovecot { get; }

    public DelayProxy Proxy { get; }

    public static async Task<LiveServer> StartAsync(int messages)
    {
        var dovecot = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = messages });
        var proxy = DelayProxy.Start(new IPEndPoint(IPAddress.Loopback, dovecot.ImapsPort), OneWayDelay);
        return new LiveServer(dovecot, proxy);
    }

    /// <summary>ImapClient over implicit TLS through the proxy (or straight to Dovecot), logged in as the primary user.</summary>
    public async Task<ImapClient> ConnectImapClientAsync(bool direct = false)
    {
        var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = direct ? Dovecot.ImapsPort : Proxy.EndPoint.Port,
            TrustedCertificate = Dovecot.Certificate,
        });
        await client.LoginAsync(Dovecot.PrimaryUser.Name, Dovecot.PrimaryUser.Password);
        return client;
    }

    /// <summary>MailKit over implicit TLS through the proxy, trusting the same certificate, logged in.</summary>
    public async Task<MailKitClient> ConnectMailKitAsync(bool direct = false)
    {
        var client = new MailKitClient
        {
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(Dovecot.Certificate.GetCertHash()),
        };
        await client.ConnectAsync("127.0.0.1", direct ? Dovecot.ImapsPort : Proxy.EndPoint.Port, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(Dovecot.PrimaryUser.Name, Dovecot.PrimaryUser.Password);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Dovecot.DisposeAsync();
    }
}
