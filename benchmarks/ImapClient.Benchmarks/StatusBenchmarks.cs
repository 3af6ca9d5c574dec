using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// STATUS (MESSAGES UNSEEN) of 200 mailboxes through a 10 ms round trip to Dovecot: ImapClient with the calls issued
/// concurrently (pipelined), against MailKit's <c>StatusAsync</c> loop (the baseline; its folder objects are looked
/// up in setup, so only the STATUS round trips are timed).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StatusBenchmarks : LiveBenchmark
{
    private const int Mailboxes = 200;
    private string[] names = [];
    private IMailFolder[] mailKitFolders = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        names = Enumerable.Range(1, Mailboxes).Select(i => "Bench/Box" + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        await StartAsync(messages: 10, async server =>
        {
            for (int i = 0; i < names.Length; i++)
            {
                await server.Dovecot.AddMessagesAsync(names[i], count: i % 5, seed: i);
            }
        });
        mailKitFolders = new IMailFolder[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            mailKitFolders[i] = await MailKit.GetFolderAsync(names[i]);
        }
    }

    [Benchmark(Baseline = true, Description = "MailKit StatusAsync loop")]
    public async Task<long> MailKitSequential()
    {
        long total = 0;
        foreach (var folder in mailKitFolders)
        {
            await folder.StatusAsync(global::MailKit.StatusItems.Count | global::MailKit.StatusItems.Unread);
            total += folder.Count;
        }

        return total;
    }

    [Benchmark(Description = "ImapClient, 200 concurrent STATUS (pipelined)")]
    public async Task<long> Pipelined()
    {
        var statuses = await Task.WhenAll(names.Select(n => Client.GetStatusAsync(n, StatusItems.Messages | StatusItems.Unseen)));
        return statuses.Sum(s => (long)(s.Messages ?? 0));
    }
}
