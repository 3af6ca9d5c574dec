using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MimeKit;

namespace Imap.Benchmarks;

/// <summary>
/// 1,000 APPENDs of small generated messages through a 10 ms round trip to Dovecot: ImapClient from 1,000 tasks on one
/// connection, and MailKit's <c>AppendAsync</c> loop (the baseline). Each run appends to a mailbox of its own.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AppendBenchmarks : LiveBenchmark
{
    private const int Appends = 1_000;
    private byte[][] messages = [];
    private MimeMessage[] parsed = [];
    private int run;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(messages: 10);
        messages = Enumerable.Range(1, Appends).Select(i => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"From: bench{i}@example.org\r\nTo: alice@example.org\r\nSubject: append {i}\r\nMessage-ID: <append.{i}@example.org>\r\n\r\n" +
            $"Body of message {i}.\r\n"))).ToArray();

        // MailKit appends MimeMessage objects: they are parsed here, so that only the appends are timed.
        parsed = messages.Select(m => MimeMessage.Load(new MemoryStream(m))).ToArray();
    }

    [Benchmark(Baseline = true, Description = "MailKit AppendAsync loop")]
    public async Task<int> MailKitLoop()
    {
        var folder = await MailKit.GetFolder(MailKit.PersonalNamespaces[0]).CreateAsync("MailKit" + Next(), isMessageFolder: true)
            ?? throw new InvalidOperationException("MailKit did not create the folder.");
        foreach (var message in parsed)
        {
            await folder.AppendAsync(new MailKit.AppendRequest(message));
        }

        return messages.Length;
    }

    [Benchmark(Description = "ImapClient, 1,000 concurrent AppendAsync (pipelined)")]
    public async Task<int> Pipelined()
    {
        string name = "ImapClient" + Next();
        await Client.CreateMailboxAsync(name);
        await Task.WhenAll(messages.Select(message => Client.AppendAsync(name, message)));
        return messages.Length;
    }

    private string Next() => (++run).ToString(CultureInfo.InvariantCulture);
}
