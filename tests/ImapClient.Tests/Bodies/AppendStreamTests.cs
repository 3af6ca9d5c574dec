using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Bodies;

/// <summary>APPEND from a stream: exact bytes, progress, and cancellation inside the literal that keeps the connection.</summary>
public sealed class AppendStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_message_is_sent_from_a_stream_with_progress_under_literal_plus()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UIDPLUS");
        var message = Message(150_000);
        var reports = new List<long>();
        var append = h.Client.AppendFromStreamAsync("Sent", new MemoryStream(message), message.Length, new AppendOptions { Flags = MessageFlag.Seen, Progress = new SyncProgress(reports) });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent (\\Seen) {{{message.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(message.Length + 2), Is.EqualTo(message.Concat("\r\n"u8.ToArray()).ToArray()));
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 7 12] done\r\n");

        Assert.That((await append.WaitAsync(Wait)).Uid, Is.EqualTo(new Uid(12)));
        Assert.That(reports, Is.EqualTo(new long[] { 65536, 131072, 150_000 }));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(65_535)]
    [TestCase(65_536)]
    [TestCase(65_537)]
    [TestCase(100_000)]
    [TestCase(149_999)]
    public async Task Append_cancelled_inside_its_literal_is_refused_by_the_server_and_every_other_command_succeeds(int offset)
    {
        const int Length = 150_000;
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var message = Message(Length);
        var before = h.Client.ExecuteAsync(new ImapCommand("X-BEFORE") { Traits = CommandTraits.None });
        var beforeCommand = await h.Server.ReadCommandAsync();
        using var cancel = new CancellationTokenSource();
        var source = new GatedStream(message, offset);
        var append = h.Client.AppendFromStreamAsync("Sent", source, Length, cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent {{{Length}}}"));
        await h.Server.SendAsync("+ go\r\n");
        var sent = await h.Server.ReadBytesAsync(offset);
        await source.Reached.WaitAsync(Wait);
        var after = h.Client.NoopAsync();

        await cancel.CancelAsync();

        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>(), "at once, before the literal is finished");
        var rest = await h.Server.ReadBytesAsync(Length - offset + 4);
        Assert.That(sent, Is.EqualTo(message.AsSpan(0, offset).ToArray()));
        Assert.That(Encoding.ASCII.GetString(rest), Is.EqualTo(new string('X', Length - offset) + " )\r\n"), "filler, then an argument APPEND cannot have");
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n{beforeCommand.Tag} OK\r\n");
        var noop = await h.Server.ReadCommandAsync();
        Assert.That(noop.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{noop.Tag} OK\r\n");

        await before.WaitAsync(Wait);
        await after.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_stream_that_ends_early_fails_the_append_with_the_cause_and_the_server_refuses_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var append = h.Client.AppendFromStreamAsync("Sent", new MemoryStream(Message(1000)), 5000);
        var command = await h.Server.ReadCommandAsync();

        var error = Assert.ThrowsAsync<ArgumentException>(() => append.WaitAsync(Wait));
        Assert.That(error!.Message, Does.StartWith("The content ended after 1000 of the 5000 bytes announced"));
        var rest = await h.Server.ReadBytesAsync(5000 + 4);
        Assert.That(Encoding.ASCII.GetString(rest, 1000, 4004), Is.EqualTo(new string('X', 4000) + " )\r\n"));
        await h.Server.SendAsync($"{command.Tag} BAD no\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task A_stream_holding_nul_fails_the_append_and_the_server_refuses_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var message = Message(1000);
        message[500] = 0;
        var append = h.Client.AppendFromStreamAsync("Sent", new MemoryStream(message), message.Length);
        var command = await h.Server.ReadCommandAsync();

        Assert.That(() => append.WaitAsync(Wait), Throws.ArgumentException.With.Message.Contains("NUL"));
        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(1004)), Is.EqualTo(new string('X', 1000) + " )\r\n"), "no byte of it was sent");
        _ = command;
    }

    private static byte[] Message(int length)
    {
        var text = new StringBuilder("Subject: big\r\n\r\n");
        while (text.Length < length)
        {
            text.Append("Line of text ").Append(text.Length).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    /// <summary>Gives its data up to <paramref name="gate"/>, then waits until the read is cancelled.</summary>
    private sealed class GatedStream(byte[] data, int gate) : Stream
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        public Task Reached => reached.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position == gate)
            {
                reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            int n = Math.Min(buffer.Length, gate - position);
            data.AsSpan(position, n).CopyTo(buffer.Span);
            position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
