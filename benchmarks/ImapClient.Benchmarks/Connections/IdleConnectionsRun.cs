using System.Diagnostics;
using System.Globalization;
using Imap.TestServer;
using MailKit;
using MailKit.Security;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks.Connections;

/// <summary>
/// Many idle connections in one process, the way a service that watches many accounts holds them: each connected,
/// logged in, INBOX examined, in IDLE, with a task waiting for its events. Reports managed and working-set bytes per
/// connection after a full collection and the rate at which connections open; then appends a message and checks that
/// every connection saw it. Not a BenchmarkDotNet benchmark: what it measures is memory retained by live objects, which
/// BenchmarkDotNet's per-operation figures do not show.
/// <c>dotnet run -c Release -- idle-connections [count]</c>.
/// </summary>
public static class IdleConnectionsRun
{
    private const int OpenParallelism = 16;

    /// <param name="count">Connections per variant.</param>
    /// <param name="imapClientOnly">Leave MailKit out.</param>
    /// <param name="holdFor">How long to hold each ImapClient variant open for a heap dump.</param>
    /// <param name="transports">The transports to measure: "plain", "tls" or both.</param>
    public static async Task<int> RunAsync(int count, bool imapClientOnly, TimeSpan holdFor, IReadOnlyCollection<string> transports)
    {
        await using var dovecot = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = 20 });
        Console.WriteLine($"{count} idle connections per variant against Dovecot on loopback; {Environment.ProcessorCount} cores, {Environment.Version}");
        Console.WriteLine("| client | transport | discovery | managed per connection | working set per connection | opened per second | all saw the new message |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        bool allAlive = true;
        foreach (string transport in transports)
        {
            bool tls = transport == "tls";
            foreach (bool discovery in new[] { false, true })
            {
                allAlive &= await MeasureAsync(
                    $"ImapClient | {(tls ? "TLS" : "plain")} | {(discovery ? "on" : "off")}",
                    count,
                    dovecot,
                    () => new ImapIdler(dovecot, tls, discovery),
                    holdFor);
            }

            if (imapClientOnly)
            {
                continue;
            }

            allAlive &= await MeasureAsync(
                $"MailKit {typeof(MailKitClient).Assembly.GetName().Version} | {(tls ? "TLS" : "plain")} | n/a",
                count,
                dovecot,
                () => new MailKitIdler(dovecot, tls),
                TimeSpan.Zero);
        }

        return allAlive ? 0 : 1;
    }

    private static async Task<bool> MeasureAsync(string label, int count, DovecotInstance dovecot, Func<IIdler> create, TimeSpan holdFor)
    {
        var idlers = new IIdler[count];
        for (int i = 0; i < count; i++)
        {
            idlers[i] = create();
        }

        (long managedBefore, long workingSetBefore) = Snapshot();
        var clock = Stopwatch.StartNew();
        int next = -1;
        var openers = Enumerable.Range(0, OpenParallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await idlers[i].OpenAsync();
            }
        });
        await Task.WhenAll(openers);
        double openRate = count / clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2)); // every IDLE acknowledged before the snapshot
        (long managedAfter, long workingSetAfter) = Snapshot();
        if (holdFor > TimeSpan.Zero)
        {
            Console.WriteLine($"holding {count} connections for {holdFor.TotalSeconds:F0} s (process {Environment.ProcessId}) for a heap dump");
            await Task.Delay(holdFor);
        }

        await using (var writer = await ImapClient.ConnectAsync(ImapIdler.Options(dovecot, tls: false, discovery: false)))
        {
            await writer.AppendAsync("INBOX", "Subject: wake up\r\n\r\nhello\r\n"u8.ToArray());
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int alive = 0;
        foreach (var idler in idlers)
        {
            if (await idler.SawNewMessageAsync(deadline.Token))
            {
                alive++;
            }
        }

        foreach (var idler in idlers)
        {
            await idler.DisposeAsync();
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {label} | {Kib(managedAfter - managedBefore, count)} KiB | {Kib(workingSetAfter - workingSetBefore, count)} KiB | {openRate:F0} | {alive}/{count} |"));
        return alive == count;
    }

    private static string Kib(long bytes, int count) => (bytes / 1024.0 / count).ToString("F1", CultureInfo.InvariantCulture);

    private static (long Managed, long WorkingSet) Snapshot()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private interface IIdler : IAsyncDisposable
    {
        Task OpenAsync();

        Task<bool> SawNewMessageAsync(CancellationToken cancellationToken);
    }

    private sealed class ImapIdler(DovecotInstance dovecot, bool tls, bool discovery) : IIdler
    {
        private readonly CancellationTokenSource stop = new();
        private readonly TaskCompletionSource sawNew = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ImapClient? client;
        private Task? idle;
        private Task? events;

        public static ImapClientOptions Options(DovecotInstance dovecot, bool tls, bool discovery) => new()
        {
            Host = dovecot.Host,
            Port = tls ? dovecot.ImapsPort : dovecot.ImapPort,
            Security = tls ? ImapSecurity.ImplicitTls : ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = !tls,
            TrustedCertificate = dovecot.Certificate,
            Credentials = ImapCredentials.Password(dovecot.PrimaryUser.Name, dovecot.PrimaryUser.Password),
            DiscoverMailboxes = discovery,
        };

        public async Task OpenAsync()
        {
            client = await ImapClient.ConnectAsync(Options(dovecot, tls, discovery));
            await client.ExamineAsync("INBOX");
            events = WatchAsync(client);
            idle = client.IdleAsync(stop.Token);
        }

        public async Task<bool> SawNewMessageAsync(CancellationToken cancellationToken) =>
            await Task.WhenAny(sawNew.Task, Task.Delay(Timeout.Infinite, cancellationToken)) == sawNew.Task;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            if (idle is not null)
            {
                await idle.ContinueWith(static _ => { }, TaskScheduler.Default);
            }

            if (client is not null)
            {
                await client.DisposeAsync();
            }

            if (events is not null)
            {
                await events.ContinueWith(static _ => { }, TaskScheduler.Default);
            }

            stop.Dispose();
        }

        private async Task WatchAsync(ImapClient watched)
        {
            await foreach (var change in watched.ReadEventsAsync(stop.Token))
            {
                if (change is MessageCountChanged)
                {
                    sawNew.TrySetResult();
                }
            }
        }
    }

    private sealed class MailKitIdler(DovecotInstance dovecot, bool tls) : IIdler
    {
        private readonly CancellationTokenSource stop = new();
        private readonly TaskCompletionSource sawNew = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private MailKitClient? client;
        private Task? idle;

        public async Task OpenAsync()
        {
            client = new MailKitClient
            {
                ServerCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(dovecot.Certificate.GetCertHash()),
            };
            await client.ConnectAsync(dovecot.Host, tls ? dovecot.ImapsPort : dovecot.ImapPort, tls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None);
            await client.AuthenticateAsync(dovecot.PrimaryUser.Name, dovecot.PrimaryUser.Password);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            client.Inbox.CountChanged += (_, _) => sawNew.TrySetResult();
            idle = client.IdleAsync(stop.Token);
        }

        public async Task<bool> SawNewMessageAsync(CancellationToken cancellationToken) =>
            await Task.WhenAny(sawNew.Task, Task.Delay(Timeout.Infinite, cancellationToken)) == sawNew.Task;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            if (idle is not null)
            {
                await idle.ContinueWith(static _ => { }, TaskScheduler.Default);
            }

            client?.Dispose();
            stop.Dispose();
        }
    }
}
