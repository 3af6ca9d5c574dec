using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;
using MailKitQuery = MailKit.Search.SearchQuery;

namespace Imap.Benchmarks;

/// <summary>
/// UID SEARCH on the 20,000-message INBOX through the delay proxy: three searches (UNSEEN, FROM, LARGER) one after
/// another, and UID SEARCH ALL, beside MailKit's <c>SearchAsync</c> (the baseline). Allocations are the point: the
/// answers are compact sets here, a list of UIDs in MailKit.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class SearchBenchmarks : LiveBenchmark
{
    private const int Messages = 20_000;
    private const string Sender = "example.org";
    private SelectedMailbox inbox = null!;
    private IMailFolder mailKitInbox = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages);
        inbox = await Client.ExamineAsync("INBOX");
        mailKitInbox = MailKit.Inbox;
        await mailKitInbox.OpenAsync(FolderAccess.ReadOnly);
    }

    [Benchmark(Baseline = true, Description = "MailKit: UNSEEN, FROM, LARGER")]
    public async Task<int> MailKitThreeSearches()
    {
        int total = (await mailKitInbox.SearchAsync(MailKitQuery.NotSeen)).Count;
        total += (await mailKitInbox.SearchAsync(MailKitQuery.FromContains(Sender))).Count;
        total += (await mailKitInbox.SearchAsync(MailKitQuery.LargerThan(50_000))).Count;
        return total;
    }

    [Benchmark(Description = "ImapClient: UNSEEN, FROM, LARGER")]
    public async Task<long> ThreeSearches()
    {
        long total = (await inbox.SearchAsync(SearchQuery.Unseen)).Count;
        total += (await inbox.SearchAsync(SearchQuery.From(Sender))).Count;
        total += (await inbox.SearchAsync(SearchQuery.Larger(50_000))).Count;
        return total;
    }

    [Benchmark(Description = "MailKit: UID SEARCH ALL")]
    public async Task<int> MailKitAll() => (await mailKitInbox.SearchAsync(MailKitQuery.All)).Count;

    [Benchmark(Description = "ImapClient: UID SEARCH ALL")]
    public async Task<long> All() => (await inbox.SearchAsync(SearchQuery.All)).Count;
}
