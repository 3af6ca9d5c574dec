using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Uploads;

/// <summary>A source of unknown length buffered to a temporary file, then appended with its exact length.</summary>
public sealed class BufferedMessageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_non_seekable_stream_is_appended_with_its_length_and_the_file_is_deleted()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UIDPLUS");
        byte[] message = Message(200_003);
        var source = new PausingStream(message);
        Assert.That(source.CanSeek, Is.False);

        var append = h.Client.AppendBufferedAsync("Sent", source, maxLength: 1_000_000);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("APPEND Sent {200003+}"));
        Assert.That(await h.Server.ReadBytesAsync(message.Length + 2), Is.EqualTo(message.Concat("\r\n"u8.ToArray()).ToArray()));
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 1 5] done\r\n");
        Assert.That((await append.WaitAsync(Wait)).Uid, Is.EqualTo(new Uid(5)));
    }

    [Test]
    public async Task The_buffer_holds_the_exact_bytes_in_a_file_that_is_deleted_on_dispose()
    {
        byte[] message = Message(150_000);
        string path;
        await using (var buffered = await BufferedMessage.CreateAsync(new PausingStream(message), 150_000))
        {
            Assert.That(buffered.Length, Is.EqualTo(150_000));
            path = ((FileStream)buffered.Content).Name;
            Assert.That(File.Exists(path), Is.True);
            using var copy = new MemoryStream();
            await buffered.Content.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(message));
        }

        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public async Task A_source_longer_than_the_cap_is_refused_and_nothing_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var error = Assert.ThrowsAsync<ArgumentException>(() => h.Client.AppendBufferedAsync("Sent", new PausingStream(Message(70_000)), maxLength: 69_999));
        Assert.That(error!.Message, Does.Contain("69,999"));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    [Test]
    public async Task A_buffered_source_over_the_servers_limit_fails_typed_before_sending()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=1000");
        Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendBufferedAsync("Sent", new PausingStream(Message(1001)), maxLength: 10_000));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    private static byte[] Message(int length)
    {
        var text = new StringBuilder("Subject: piped\r\n\r\n");
        while (text.Length < length)
        {
            text.Append("A line read from a pipe ").Append(text.Length).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
