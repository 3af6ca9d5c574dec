using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;
using MailKit.Security;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks;

/// <summary>
/// Connect, authenticate and open INBOX read-only through the 10 ms round-trip proxy, over implicit TLS, beside MailKit
/// (the baseline): the time a short-lived tool or a service's reconnect pays before its first result. Divided by 10 ms,
/// the median is the number of round trips plus the server's own time. <c>connect-trace</c> mode shows where each one
/// goes.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class ConnectBenchmarks
{
    private LiveServer server = null!;

    [GlobalSetup]
    public async Task SetupAsync() => server = await LiveServer.StartAsync(100);

    [GlobalCleanup]
    public async Task CleanupAsync() => await server.DisposeAsync();

    [Benchmark(Baseline = true, Description = "MailKit: connect, authenticate, open INBOX (10 ms round trip)")]
    public async Task<int> MailKitConnect()
    {
        using var client = new MailKitClient
        {
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(server.Dovecot.Certificate.GetCertHash()),
        };
        await client.ConnectAsync("127.0.0.1", server.Proxy.EndPoint.Port, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(server.Dovecot.PrimaryUser.Name, server.Dovecot.PrimaryUser.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return client.Inbox.Count;
    }

    [Benchmark(Description = "ImapClient: connect, authenticate, open INBOX (10 ms round trip)")]
    public async Task<long> Connect()
    {
        await using var client = await ImapClient.ConnectAsync(Options(server));
        var inbox = await client.ExamineAsync("INBOX");
        return inbox.Count;
    }

    /// <summary>The options both this benchmark and the <c>connect-trace</c> mode use: the defaults, logged in at connect.</summary>
    internal static ImapClientOptions Options(LiveServer server, Microsoft.Extensions.Logging.ILogger? logger = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Proxy.EndPoint.Port,
        TrustedCertificate = server.Dovecot.Certificate,
        Credentials = ImapCredentials.Password(server.Dovecot.PrimaryUser.Name, server.Dovecot.PrimaryUser.Password),
        Logger = logger,
    };
}
