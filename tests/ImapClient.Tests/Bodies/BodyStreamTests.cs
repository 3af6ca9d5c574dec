using Imap.Tests.Dispatch;

namespace Imap.Tests.Bodies;

/// <summary>OpenBodyAsync: chunked, pipelined, exact, bounded, and cancellable without cost to the connection.</summary>
public sealed class BodyStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_body_is_read_in_pipelined_chunks_and_reassembled_exactly()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var content = new byte[10_000];
        new Random(3).NextBytes(content);
        var responder = new ChunkResponder(h.Server, 7, content.Length, p => content[p]);
        var reports = new List<long>();
        var options = new BodyOpenOptions { ChunkSize = 1024, ChunksInFlight = 3, Progress = new SyncProgress(reports) };

        var open = inbox.OpenBodyAsync(new Uid(7), options: options);
        var first = await h.Server.ReadCommandAsync();
        Assert.That(first.Text, Is.EqualTo("UID FETCH 7 (UID BODY.PEEK[]<0.1024>)"));
        // Only the first chunk until its answer tells the size: another chunk would come before the NOOP.
        await h.ExpectNothingBeforeNoopAsync();
        await responder.AnswerAsync(first);
        await using var stream = await open.WaitAsync(Wait);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy).WaitAsync(Wait);
        await stop.CancelAsync();
        await serving;

        Assert.That(copy.ToArray(), Is.EqualTo(content));
        Assert.That(responder.Commands.Take(3), Is.EqualTo(new[]
        {
            "UID FETCH 7 (UID BODY.PEEK[]<1024.1024>)",
            "UID FETCH 7 (UID BODY.PEEK[]<2048.1024>)",
            "UID FETCH 7 (UID BODY.PEEK[]<3072.1024>)",
        }));
        Assert.That(reports, Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)Math.Min(i * 1024, content.Length))));
        Assert.That(responder.Commands.Count, Is.LessThanOrEqualTo(12), "no more than the chunks in flight beyond the end");
    }

    [Test]
    public async Task A_range_reads_exactly_that_range_and_mark_seen_sets_seen_with_the_first_chunk_only()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var responder = new ChunkResponder(h.Server, 7, 100_000, ChunkResponder.Generated);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);

        await using (var stream = await inbox.OpenBodyAsync(new Uid(7), BodySection.Part(2).Slice(100, 2500), new BodyOpenOptions { ChunkSize = 1000, MarkSeen = true }).WaitAsync(Wait))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy).WaitAsync(Wait);
            Assert.That(copy.ToArray(), Is.EqualTo(Enumerable.Range(100, 2500).Select(p => ChunkResponder.Generated(p)).ToArray()));
        }

        await h.Client.NoopAsync().WaitAsync(Wait);
        await stop.CancelAsync();
        await serving;
        Assert.That(responder.Commands, Is.EqualTo(new[]
        {
            "UID FETCH 7 (UID BODY[2]<100.1000>)",
            "UID FETCH 7 (UID BODY.PEEK[2]<1100.1000>)",
            "UID FETCH 7 (UID BODY.PEEK[2]<2100.500>)",
            "NOOP",
        }));
    }

    [Test]
    public async Task A_large_body_generated_on_the_fly_is_read_with_managed_heap_growth_under_32_MB()
    {
        const long Size = 256L * 1024 * 1024;
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var responder = new ChunkResponder(h.Server, 9, Size, ChunkResponder.Generated);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long highest = 0;

        await using (var stream = await inbox.OpenBodyAsync(new Uid(9)).WaitAsync(Wait))
        {
            var buffer = new byte[81_920];
            long position = 0;
            long nextCheck = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Wait)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] != ChunkResponder.Generated(position + i))
                    {
                        Assert.Fail($"Byte {position + i} differs.");
                    }
                }

                position += n;
                if (position >= nextCheck)
                {
                    highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true) - before);
                    nextCheck += 32L * 1024 * 1024;
                }
            }

            Assert.That(position, Is.EqualTo(Size));
        }

        await stop.CancelAsync();
        await serving;
        TestContext.Out.WriteLine($"Heap growth while reading 256 MiB: at most {highest / 1024} KiB.");
        Assert.That(highest, Is.LessThan(32L * 1024 * 1024));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task A_stream_disposed_at_a_chunk_boundary_asks_for_nothing_more_and_the_connection_serves_the_next_command(int chunksRead)
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var responder = new ChunkResponder(h.Server, 7, 50_000, ChunkResponder.Generated);
        var open = inbox.OpenBodyAsync(new Uid(7), options: new BodyOpenOptions { ChunkSize = 4096, ChunksInFlight = 3 });
        await responder.RunAsync(count: 1);
        var stream = await open.WaitAsync(Wait);
        var buffer = new byte[4096];
        for (int i = 0; i < chunksRead; i++)
        {
            // Reading chunk i+1 waits for it: answer the command for it.
            var reading = stream.ReadAtLeastAsync(buffer, 4096).AsTask();
            if (i > 0)
            {
                await responder.RunAsync(count: 1);
            }

            Assert.That(await reading.WaitAsync(Wait), Is.EqualTo(4096));
        }

        await stream.DisposeAsync();
        var noop = h.Client.NoopAsync();

        // Every chunk command that went on the wire is answered (and drained by the client); then the NOOP follows.
        await responder.RunUntilAsync("NOOP").WaitAsync(Wait);
        await noop.WaitAsync(Wait);
        int asked = 4 + Math.Max(0, chunksRead - 1);
        int fetches = responder.Commands.Count(c => c.StartsWith("UID FETCH", StringComparison.Ordinal));
        Assert.That(fetches, Is.InRange(Math.Max(1, chunksRead), asked), "at most the chunks in flight, never the rest of the body");
        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_stream_left_unread_does_not_hold_up_other_commands()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var responder = new ChunkResponder(h.Server, 7, 10_000_000, ChunkResponder.Generated);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);
        await using var stream = await inbox.OpenBodyAsync(new Uid(7), options: new BodyOpenOptions { ChunkSize = 256 * 1024 }).WaitAsync(Wait);
        Assert.That(await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Wait), Is.EqualTo(1));

        for (int i = 0; i < 5; i++)
        {
            await h.Client.NoopAsync().WaitAsync(Wait);
        }

        await stop.CancelAsync();
        await serving;
        Assert.That(responder.Commands.Count(c => c.StartsWith("UID FETCH", StringComparison.Ordinal)), Is.EqualTo(4), "the first chunk and the three in flight");
    }

    [Test]
    public async Task A_connection_lost_in_the_middle_of_a_body_fails_the_read_with_a_connection_exception()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var responder = new ChunkResponder(h.Server, 7, 100_000, ChunkResponder.Generated);
        var open = inbox.OpenBodyAsync(new Uid(7), options: new BodyOpenOptions { ChunkSize = 4096 });
        await responder.RunAsync(count: 1);
        await using var stream = await open.WaitAsync(Wait);
        var buffer = new byte[4096];
        Assert.That(await stream.ReadAtLeastAsync(buffer, 4096).AsTask().WaitAsync(Wait), Is.EqualTo(4096));
        var next = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 FETCH (UID 7 BODY[]<4096> {{4096}}\r\n{new string('x', 100)}");

        h.Server.DropConnection();

        Assert.That(() => stream.ReadAsync(buffer).AsTask().WaitAsync(Wait), Throws.InstanceOf<ImapConnectionException>());
        Assert.That(() => stream.ReadAsync(buffer).AsTask().WaitAsync(Wait), Throws.InstanceOf<ImapConnectionException>(), "and every read after");
        _ = next;
    }

    [Test]
    public async Task Opening_a_message_the_server_does_not_have_fails_the_open()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var open = inbox.OpenBodyAsync(new Uid(8));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK nothing\r\n");

        Assert.That(() => open.WaitAsync(Wait), Throws.InstanceOf<ImapProtocolException>());
    }

    [Test]
    public async Task A_chunk_longer_than_asked_fails_before_it_is_held()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var open = inbox.OpenBodyAsync(new Uid(7), options: new BodyOpenOptions { ChunkSize = 70_000 });
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 FETCH (UID 7 BODY[]<0> {{100000}}\r\n{new string('x', 100_000)})\r\n{command.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => open.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("more than the 70000 asked for"));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
