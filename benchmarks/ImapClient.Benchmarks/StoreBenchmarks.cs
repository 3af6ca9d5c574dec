using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// Marking 1,000 messages seen with one STORE per message, through a 10 ms round trip to Dovecot's 20,000-message
/// INBOX: 1,000 tasks on one ImapClient connection (pipelined), and MailKit's loop (the baseline). Each run stores the
/// same flag again; the server does the same work every time.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StoreBenchmarks : LiveBenchmark
{
    private const int Messages = 20_000;
    private const int Stores = 1_000;
    private SelectedMailbox inbox = null!;
    private IMailFolder mailKitInbox = null!;
    private Uid[] uids = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages);
        inbox = await Client.SelectAsync("INBOX");
        mailKitInbox = MailKit.Inbox;
        await mailKitInbox.OpenAsync(FolderAccess.ReadWrite);
        uids = Enumerable.Range(1, Stores).Select(i => new Uid((uint)(i * (Messages / Stores)))).ToArray();
    }

    [Benchmark(Baseline = true, Description = "MailKit AddFlagsAsync loop")]
    public async Task<int> MailKitLoop()
    {
        foreach (var uid in uids)
        {
            await mailKitInbox.AddFlagsAsync(new UniqueId(uid.Value), MessageFlags.Seen, silent: true);
        }

        return uids.Length;
    }

    [Benchmark(Description = "ImapClient, 1,000 concurrent AddFlagsAsync (pipelined)")]
    public async Task<int> Pipelined()
    {
        await Task.WhenAll(uids.Select(uid => inbox.AddFlagsAsync(UidSet.Create(uid), MessageFlag.Seen)));
        return uids.Length;
    }
}
