using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks;

/// <summary>
/// STATUS (MESSAGES UNSEEN) of 200 mailboxes through a 10 ms round trip to Dovecot: ImapClient with the calls issued
/// concurrently (pipelined), against MailKit's <c>StatusAsync</c> loop (the baseline; its folder objects are looked
/// up in setup, so only the STATUS round trips are timed).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StatusBenchmarks : IDisposable
{
    private const int Mailboxes = 200;
    private LiveServer server = null!;
    private ImapClient client = null!;
    private MailKitClient mailKit = null!;
    private string[] names = [];
    private IMailFolder[] mailKitFolders = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        server = await LiveServer.StartAsync(messages: 10);
        names = Enumerable.Range(1, Mailboxes).Select(i => "Bench/Box" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            await server.Dovecot.AddMessagesAsync(names[i], count: i % 5, seed: i);
        }

        client = await server.ConnectImapClientAsync();
        mailKit = await server.ConnectMailKitAsync();
        mailKitFolders = new IMailFolder[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            mailKitFolders[i] = await mailKit.GetFolderAsync(names[i]);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await mailKit.DisconnectAsync(true);
        mailKit.Dispose();
        await client.DisposeAsync();
        await server.DisposeAsync();
    }

    public void Dispose()
    {
        mailKit?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "MailKit StatusAsync loop")]
    public async Task<long> MailKitSequential()
    {
        long total = 0;
        foreach (var folder in mailKitFolders)
        {
            await folder.StatusAsync(MailKit.StatusItems.Count | MailKit.StatusItems.Unread);
            total += folder.Count;
        }

        return total;
    }

    [Benchmark(Description = "ImapClient, 200 concurrent STATUS (pipelined)")]
    public async Task<long> Pipelined()
    {
        var statuses = await Task.WhenAll(names.Select(n => client.GetStatusAsync(n, StatusItems.Messages | StatusItems.Unseen)));
        return statuses.Sum(s => (long)(s.Messages ?? 0));
    }
}
