using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// 500 whole messages (UID FETCH BODY.PEEK[]) straight from Dovecot over loopback TLS: ImapClient with the calls
/// concurrent (pipelined), and as streams read one after another, beside MailKit's <c>GetStreamAsync</c> loop.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class BodyBenchmarks : LiveBenchmark
{
    private const int Messages = 500;
    private SelectedMailbox inbox = null!;
    private IMailFolder mailKitInbox = null!;
    private Uid[] uids = [];
    private readonly byte[] buffer = new byte[81920];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages, direct: true);
        inbox = await Client.ExamineAsync("INBOX");
        mailKitInbox = MailKit.Inbox;
        await mailKitInbox.OpenAsync(FolderAccess.ReadOnly);
        uids = Enumerable.Range(1, Messages).Select(i => new Uid((uint)i)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "MailKit GetStreamAsync loop, loopback")]
    public async Task<long> MailKitLoop()
    {
        long total = 0;
        foreach (var uid in uids)
        {
            await using var stream = await mailKitInbox.GetStreamAsync(new UniqueId(uid.Value));
            total += await DrainAsync(stream);
        }

        return total;
    }

    [Benchmark(Description = "ImapClient FetchBodyBytesAsync, 500 concurrent, loopback")]
    public async Task<long> Concurrent()
    {
        var bodies = await Task.WhenAll(uids.Select(uid => inbox.FetchBodyBytesAsync(uid)));
        return bodies.Sum(b => (long)b.Length);
    }

    [Benchmark(Description = "ImapClient OpenBodyAsync streams, one after another, loopback")]
    public async Task<long> Streams()
    {
        long total = 0;
        foreach (var uid in uids)
        {
            await using var stream = await inbox.OpenBodyAsync(uid);
            total += await DrainAsync(stream);
        }

        return total;
    }

    private async Task<long> DrainAsync(Stream stream)
    {
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
