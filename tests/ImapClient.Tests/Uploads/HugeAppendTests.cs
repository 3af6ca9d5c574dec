using System.Diagnostics;
using System.Text;
using Imap.Tests.Support;
using Imap.TestServer;

namespace Imap.Tests.Uploads;

/// <summary>
/// A 1 GiB message appended from a stream generated on the fly, to a server end that checks every byte and keeps none:
/// the client's managed heap must not grow with the message.
/// </summary>
public sealed class HugeAppendTests
{
    private const long Size = 1L << 30;

    private static readonly byte[] Line = Encoding.ASCII.GetBytes("Subject: huge\r\nLine of a generated 1 GiB message, 0123456789 abcdefghij.\r\n");

    [Test]
    public async Task A_1_GiB_message_is_appended_exactly_with_managed_heap_growth_under_32_MB()
    {
        var (clientEnd, serverEnd) = DuplexPipeStream.CreatePair();
        await serverEnd.WriteAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] ready\r\n"u8.ToArray());
        var options = new ImapClientOptions { Host = "scripted.test", Security = ImapSecurity.InsecurePlaintext };
        await using var client = await ImapClient.ConnectAsync(clientEnd, options).WaitAsync(TimeSpan.FromSeconds(10));
        var serving = CheckAndDrainAsync(serverEnd);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var heap = new HeapWatch(before);
        var clock = Stopwatch.StartNew();

        var result = await client.AppendFromStreamAsync("Big", new GeneratedMessageStream(Size, Line), Size, new AppendOptions { Progress = heap })
            .WaitAsync(TimeSpan.FromMinutes(2));

        clock.Stop();
        Assert.That(await serving, Is.EqualTo(Size), "every byte arrived as generated");
        Assert.That(result.Uid, Is.EqualTo(new Uid(1)));
        TestContext.Out.WriteLine($"1 GiB appended in {clock.Elapsed.TotalSeconds:0.0} s; heap growth median {heap.Median / 1024} KiB, at most {heap.Highest / 1024} KiB.");
        Assert.That(heap.Checks, Is.GreaterThanOrEqualTo(16));

        // The heap is the whole process's: work that earlier tests left running can add to one check. The median of
        // the 16 checks ignores such a spike; a message kept in memory would raise most of them, and the highest.
        Assert.That(heap.Median, Is.LessThan(32L * 1024 * 1024));
        Assert.That(heap.Highest, Is.LessThan(256L * 1024 * 1024));
    }

    /// <summary>Reads the APPEND line, compares the literal with a second generator, answers OK; returns the bytes compared.</summary>
    private static async Task<long> CheckAndDrainAsync(Stream server)
    {
        var line = await ReadLineAsync(server);
        Assert.That(line, Does.EndWith($" APPEND Big {{{Size}+}}"));
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        var expected = new GeneratedMessageStream(Size, Line);
        byte[] got = new byte[256 * 1024];
        byte[] want = new byte[got.Length];
        long compared = 0;
        while (compared < Size)
        {
            int n = await server.ReadAsync(got.AsMemory(0, (int)Math.Min(got.Length, Size - compared)));
            if (n == 0)
            {
                break;
            }

            expected.ReadExactly(want, 0, n);
            if (!got.AsSpan(0, n).SequenceEqual(want.AsSpan(0, n)))
            {
                Assert.Fail($"The literal differs within bytes {compared} to {compared + n}.");
            }

            compared += n;
        }

        Assert.That(await ReadLineAsync(server), Is.Empty, "the command ends right after the literal");
        await server.WriteAsync(Encoding.ASCII.GetBytes($"{tag} OK [APPENDUID 1 1] done\r\n"));
        return compared;
    }

    private static async Task<string> ReadLineAsync(Stream server)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (await server.ReadAsync(one) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }

    /// <summary>Measures the managed heap every 64 MiB sent (on the sending path, so it is synchronous).</summary>
    private sealed class HeapWatch(long before) : IProgress<long>
    {
        private long next = 64L * 1024 * 1024;

        private readonly List<long> growth = [];

        public long Highest => growth.Count == 0 ? 0 : growth.Max();

        public long Median => growth.Count == 0 ? 0 : growth.Order().ElementAt(growth.Count / 2);

        public int Checks => growth.Count;

        public void Report(long value)
        {
            if (value >= next)
            {
                next += 64L * 1024 * 1024;
                growth.Add(GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }
    }
}
