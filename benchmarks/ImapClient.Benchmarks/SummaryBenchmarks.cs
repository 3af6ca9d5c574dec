using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// Summaries (UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE) of the 20,000-message INBOX, straight to
/// Dovecot on loopback, beside MailKit's <c>FetchAsync</c> (the baseline). Both read every field they are given into a
/// checksum, so neither can skip work the other does. BenchmarkDotNet's figures are warm (JIT done); the
/// <c>summaries-cpu</c> mode of this program measures process CPU of the first pass in a fresh process too.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class SummaryBenchmarks : LiveBenchmark
{
    public const int Messages = 20_000;
    private SelectedMailbox inbox = null!;
    private IMailFolder mailKitInbox = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages, direct: true);
        inbox = await Client.ExamineAsync("INBOX");
        mailKitInbox = MailKit.Inbox;
        await mailKitInbox.OpenAsync(FolderAccess.ReadOnly);
    }

    [Benchmark(Baseline = true, Description = "MailKit FetchAsync, summaries of 20,000, loopback")]
    public Task<long> MailKitSummaries() => SummaryWork.MailKitAsync(mailKitInbox);

    [Benchmark(Description = "ImapClient FetchAsync, summaries of 20,000, loopback")]
    public Task<long> Summaries() => SummaryWork.ImapClientAsync(inbox);
}
