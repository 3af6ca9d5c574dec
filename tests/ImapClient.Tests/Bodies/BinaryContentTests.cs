using System.Text;
using Imap.Protocol.Responses;
using Imap.Tests.Dispatch;
using Imap.Tests.Support;

namespace Imap.Tests.Bodies;

/// <summary>NUL and 8-bit bytes in message content arrive byte-exact; NUL stays refused where the library reads text.</summary>
public sealed class BinaryContentTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Every byte value, NUL first, with CR and LF alone and in pairs.</summary>
    private static readonly byte[] AllBytes = [0, .. Enumerable.Range(0, 256).Select(b => (byte)b), 13, 10, 10, 13, 0, 0];

    [Test(Description = "A body containing NUL failed its fetch: the parser applied the CHAR8 rule to message content.")]
    public async Task A_small_body_with_nul_and_8_bit_bytes_is_fetched_byte_exact()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var body = inbox.FetchBodyBytesAsync(new Uid(7));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 FETCH (UID 7 BODY[] {{{AllBytes.Length}}}\r\n");
        await h.Server.SendAsync(AllBytes);
        await h.Server.SendAsync($")\r\n{command.Tag} OK done\r\n");

        Assert.That(await body.WaitAsync(Wait), Is.EqualTo(AllBytes));
    }

    [Test]
    public async Task A_streamed_body_with_nul_bytes_is_read_byte_exact_through_the_stream()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var content = Enumerable.Range(0, 300_000).Select(i => i % 3 == 0 ? (byte)0 : (byte)(i * 7)).ToArray();
        var responder = new ChunkResponder(h.Server, 7, content.Length, p => content[p]);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);

        await using (var stream = await inbox.OpenBodyAsync(new Uid(7), options: new BodyOpenOptions { ChunkSize = 100_000 }).WaitAsync(Wait))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy).WaitAsync(Wait);
            Assert.That(copy.ToArray(), Is.EqualTo(content));
        }

        await stop.CancelAsync();
        await serving;
    }

    [Test]
    public void Section_data_in_a_literal_may_hold_nul_and_so_may_a_literal8()
    {
        var feeder = new ResponseFeeder();
        feeder.Feed(Encoding.Latin1.GetBytes("* 1 FETCH (UID 4 BODY[1] {3}\r\na\0b BINARY[2] ~{2}\r\n\0\0)\r\n"));

        var fetch = (FetchResponse)feeder.Responses.Single();
        Assert.That(fetch.Sections!.Select(s => s.Data), Is.EqualTo(new[] { "a\0b"u8.ToArray(), new byte[2] }));
    }

    [TestCase("* 1 FETCH (UID 4 ENVELOPE (NIL {3}\r\na\0b NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", TestName = "NUL in an envelope's literal subject is refused")]
    [TestCase("* 1 FETCH (UID 4 BODY[1] \"a\0b\")\r\n", TestName = "NUL in quoted section data is refused")]
    [TestCase("* LIST () \"/\" {3}\r\na\0b\r\n", TestName = "NUL in a mailbox name literal is refused")]
    public void Nul_where_the_library_reads_text_is_refused(string response)
    {
        var feeder = new ResponseFeeder();
        feeder.Feed(Encoding.Latin1.GetBytes(response));

        Assert.That(feeder.Responses, Is.Empty);
        Assert.That(feeder.Events.Single(), Does.StartWith("MALFORMED"));
    }
}
