using System.Text;

namespace Imap.IntegrationTests;

/// <summary>Bodies as streams, decoded parts, and APPEND from a stream against Dovecot.</summary>
[TestFixture]
public sealed class BodyStreamingTests
{
    private static readonly UidSet Sample = UidSet.Parse("1:80");

    [Test]
    public async Task Every_part_of_generated_messages_opened_decoded_equals_a_reference_decode_of_the_stored_part()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        int parts = 0;
        var encodings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in await inbox.FetchListAsync(Sample, FetchItems.BodyStructure))
        {
            foreach (var part in message.Body!.Flatten().OfType<SinglePart>())
            {
                byte[] stored = await inbox.FetchBodyBytesAsync(message.Uid, BodySection.Part(part));
                await using var stream = await inbox.OpenPartAsync(message.Uid, part, new BodyOpenOptions { ChunkSize = 4096 });
                using var decoded = new MemoryStream();
                await stream.CopyToAsync(decoded);

                Assert.That(decoded.ToArray(), Is.EqualTo(ReferenceDecoder.Decode(part.Encoding, stored)), $"UID {message.Uid} part {part.Section} ({part.Encoding})");
                parts++;
                encodings.Add(part.Encoding);
            }
        }

        TestContext.Out.WriteLine($"{parts} parts compared; encodings {string.Join(", ", encodings)}; BINARY offered: {client.Capabilities.Contains("BINARY")}.");
        Assert.That(encodings, Is.SupersetOf(new[] { "BASE64", "QUOTED-PRINTABLE" }).Using((IEqualityComparer<string>)StringComparer.OrdinalIgnoreCase));
    }

    [Test]
    public async Task A_chunked_download_equals_the_whole_body_byte_for_byte()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        var reads = new List<Task>();
        foreach (var message in await inbox.FetchListAsync(Sample, FetchItems.Size))
        {
            reads.Add(CompareAsync(inbox, message.Uid, new BodyOpenOptions { ChunkSize = 7000, ChunksInFlight = 2 }));
        }

        // Eighty streams open at once on one connection, pipelined with the whole-body fetches.
        await Task.WhenAll(reads);
    }

    [Test]
    public async Task A_large_message_appended_from_a_stream_reads_back_exactly_through_the_stream()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        var message = LargeMessage(5 * 1024 * 1024 + 321);
        var reports = new List<long>();

        var result = await client.AppendFromStreamAsync(name, new MemoryStream(message), message.Length, new AppendOptions { Progress = new SyncProgress(reports) });

        Assert.That(reports[^1], Is.EqualTo(message.Length));
        var box = await client.ExamineAsync(name);
        var uid = result.Uid ?? new Uid(1);
        await using (var stream = await box.OpenBodyAsync(uid))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(message));
        }

        Assert.That(await box.FetchBodyBytesAsync(uid), Is.EqualTo(message));
        await using (var range = await box.OpenBodyAsync(uid, BodySection.Full.Slice(1_000_000, 2_500_000), new BodyOpenOptions { ChunkSize = 300_000 }))
        {
            using var copy = new MemoryStream();
            await range.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(message.AsSpan(1_000_000, 2_500_000).ToArray()));
        }

        await box.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }

    [TestCase(0)]
    [TestCase(65_536)]
    [TestCase(200_001)]
    public async Task An_append_cancelled_inside_its_literal_stores_nothing_and_every_other_command_succeeds(int offset)
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        var inbox = await client.ExamineAsync("INBOX");
        var message = LargeMessage(400_000);
        using var cancel = new CancellationTokenSource();
        var source = new GatedStream(message, offset);

        var append = client.AppendFromStreamAsync(name, source, message.Length, cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var others = Enumerable.Range(1, 20).Select(i => inbox.FetchBodyBytesAsync(new Uid((uint)i))).ToList();
        var status = client.GetStatusAsync("INBOX");
        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        var bodies = await Task.WhenAll(others);
        Assert.That(bodies.All(b => b.Length > 0), Is.True);
        Assert.That((await status).Messages, Is.EqualTo((uint)DovecotFixture.InboxMessages));
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.Zero, "nothing was stored");
        await client.AppendAsync(name, Encoding.ASCII.GetBytes("Subject: after\r\n\r\nstill works\r\n"));
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.EqualTo(1u));
        Assert.That(client.IsConnected, Is.True);
        await client.DeleteMailboxAsync(name);
    }

    private static async Task CompareAsync(SelectedMailbox inbox, Uid uid, BodyOpenOptions options)
    {
        var whole = inbox.FetchBodyBytesAsync(uid);
        await using var stream = await inbox.OpenBodyAsync(uid, options: options);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(await whole), $"UID {uid}");
    }

    private static async Task<string> CreateAsync(ImapClient client)
    {
        string name = "Bodies-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateMailboxAsync(name);
        return name;
    }

    private static byte[] LargeMessage(int length) => TextMessages.Build("From: big@example.org\r\nSubject: large\r\n", "of a large message, text only.", length);

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
