using System.IO.Compression;
using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>COMPRESS=DEFLATE: the input switches exactly after the OK, even when compressed bytes share its read.</summary>
public sealed class CompressTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Compressed_bytes_in_the_same_read_as_the_ok_are_inflated()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 COMPRESS=DEFLATE");
        await h.SelectInboxAsync(exists: 3);
        var compress = h.Client.CompressAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("COMPRESS DEFLATE"));

        byte[] ok = Encoding.ASCII.GetBytes($"{command.Tag} OK DEFLATE active\r\n");
        byte[] after = Deflate("* 9 EXISTS\r\n* 1 EXPUNGE\r\n");
        await h.Server.SendAsync((byte[])[.. ok, .. after]);
        await compress.WaitAsync(Wait);

        var events = new List<MailboxEvent>();
        await foreach (var e in h.Client.ReadEventsAsync())
        {
            events.Add(e);
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.That(events, Is.EqualTo(new MailboxEvent[] { new MessageCountChanged(9), new MessageExpunged(1) }));
        Assert.That(h.Client.IsCompressed, Is.True);
        Assert.That(h.Client.Selected!.Count, Is.EqualTo(8));
    }

    [Test]
    public async Task Compress_refused_leaves_the_connection_uncompressed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 COMPRESS=DEFLATE");
        var compress = h.Client.CompressAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [COMPRESSIONACTIVE] Already compressing\r\n");

        Assert.ThrowsAsync<ImapCommandException>(() => compress.WaitAsync(Wait));
        Assert.That(h.Client.IsCompressed, Is.False);
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "still plain text");
        _ = noop;
    }

    [Test]
    public async Task Compress_without_the_capability_is_not_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");

        Assert.That(() => h.Client.CompressAsync(), Throws.InstanceOf<NotSupportedException>());
    }

    private static byte[] Deflate(string text)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.ASCII.GetBytes(text));
            deflate.Flush();
        }

        return buffer.ToArray();
    }
}
