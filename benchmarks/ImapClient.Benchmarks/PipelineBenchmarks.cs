using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// 500 single-message <c>UID FETCH n BODY.PEEK[]</c> through a 10 ms round trip to Dovecot: issued concurrently on one
/// connection (pipelined), issued one after another, and MailKit's <c>GetStreamAsync</c> loop (the baseline).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PipelineBenchmarks : LiveBenchmark
{
    private const int Messages = 500;
    private SelectedMailbox inbox = null!;
    private IMailFolder mailKitInbox = null!;
    private Uid[] uids = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages);
        inbox = await Client.ExamineAsync("INBOX");
        mailKitInbox = MailKit.Inbox;
        await mailKitInbox.OpenAsync(FolderAccess.ReadOnly);

        uids = Enumerable.Range(1, Messages).Select(i => new Uid((uint)i)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "MailKit GetStreamAsync loop")]
    public async Task<long> MailKitSequential()
    {
        long total = 0;
        foreach (var uid in uids)
        {
            await using var stream = await mailKitInbox.GetStreamAsync(new UniqueId(uid.Value));
            total += await DrainAsync(stream);
        }

        return total;
    }

    [Benchmark(Description = "ImapClient, one after another")]
    public async Task<long> Sequential()
    {
        long total = 0;
        foreach (var uid in uids)
        {
            total += (await inbox.FetchBodyBytesAsync(uid)).Length;
        }

        return total;
    }

    [Benchmark(Description = "ImapClient, 500 concurrent (pipelined)")]
    public async Task<long> Pipelined()
    {
        var bodies = await Task.WhenAll(uids.Select(uid => inbox.FetchBodyBytesAsync(uid)));
        return bodies.Sum(b => (long)b.Length);
    }

    private static async Task<long> DrainAsync(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
