using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Bodies;

/// <summary>The streaming base64 and quoted-printable decoders, fed in pieces of every size; and OpenPartAsync.</summary>
public sealed class TransferDecodingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(57)]
    [TestCase(40_000)]
    public async Task Base64_decodes_as_convert_does_whatever_the_pieces(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        string encoded = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks) + "\r\n";

        foreach (int piece in new[] { 1, 3, 7, 76, 4096 })
        {
            using var stream = new Base64DecodingStream(new PieceStream(Encoding.ASCII.GetBytes(encoded), piece));
            Assert.That(await ReadAllAsync(stream), Is.EqualTo(data), $"pieces of {piece}");
        }
    }

    [TestCase("Caf=C3=A9 cr=C3=A8me", "Café crème")]
    [TestCase("soft=\r\nbreak", "softbreak")]
    [TestCase("soft=  \r\nbreak with blanks", "softbreak with blanks")]
    [TestCase("trailing   \r\nblanks\t\r\n", "trailing\r\nblanks\r\n")]
    [TestCase("inner  blanks stay", "inner  blanks stay")]
    [TestCase("lower=c3=a9 hex", "loweré hex")]
    [TestCase("bad =ZZ and =4", "bad =ZZ and =4")]
    [TestCase("ends with soft break=", "ends with soft break")]
    [TestCase("=3D=0D=0A", "=\r\n")]
    [TestCase("a=\nb", "ab")]
    public async Task Quoted_printable_decodes_the_rfc_2045_rules_whatever_the_pieces(string encoded, string expected)
    {
        foreach (int piece in new[] { 1, 2, 3, 5, 1000 })
        {
            using var stream = new QuotedPrintableDecodingStream(new PieceStream(Encoding.Latin1.GetBytes(encoded), piece));
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(stream)), Is.EqualTo(expected), $"pieces of {piece}");
        }
    }

    [Test]
    public async Task A_base64_part_is_fetched_as_stored_and_decoded_when_the_server_has_no_binary()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var data = new byte[5000];
        new Random(8).NextBytes(data);
        byte[] encoded = Encoding.ASCII.GetBytes(Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks) + "\r\n");
        var part = await PartAsync(h, inbox, "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" " + encoded.Length + ")");
        var responder = new ChunkResponder(h.Server, 7, encoded.Length, p => encoded[p]);
        using var stop = new CancellationTokenSource();
        var serving = responder.RunAsync(stop: stop.Token);

        await using (var stream = await inbox.OpenPartAsync(new Uid(7), part).WaitAsync(Wait))
        {
            Assert.That(await ReadAllAsync(stream), Is.EqualTo(data));
        }

        await stop.CancelAsync();
        await serving;
        Assert.That(responder.Commands[0], Is.EqualTo("UID FETCH 7 (UID BODY.PEEK[1]<0.1048576>)"));
    }

    [Test]
    public async Task A_part_is_fetched_as_binary_when_the_server_offers_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 BINARY");
        var inbox = await h.SelectInboxAsync();
        var part = await PartAsync(h, inbox, "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 400)");
        var open = inbox.OpenPartAsync(new Uid(7), part);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 7 (UID BINARY.PEEK[1]<0.1048576>)"));
        await h.Server.SendAsync($"* 1 FETCH (UID 7 BINARY[1]<0> ~{{5}}\r\n\0\u0001\u00ff\0\n)\r\n{command.Tag} OK\r\n");

        await using var stream = await open.WaitAsync(Wait);
        Assert.That(await ReadAllAsync(stream), Is.EqualTo(new byte[] { 0, 1, 0xFF, 0, 10 }));
    }

    [Test]
    public async Task A_part_the_server_cannot_decode_is_decoded_here()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 BINARY");
        var inbox = await h.SelectInboxAsync();
        byte[] encoded = "caf=C3=A9\r\n"u8.ToArray();
        var part = await PartAsync(h, inbox, "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 11 1)");
        var open = inbox.OpenPartAsync(new Uid(7), part);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [UNKNOWN-CTE] cannot\r\n");
        var responder = new ChunkResponder(h.Server, 7, encoded.Length, p => encoded[p]);
        await responder.RunAsync(count: 1);

        await using var stream = await open.WaitAsync(Wait);
        Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(stream)), Is.EqualTo("café\r\n"));
    }

    private static async Task<SinglePart> PartAsync(ClientHarness h, SelectedMailbox inbox, string structure)
    {
        var fetch = inbox.FetchListAsync(UidSet.Parse("7"), FetchItems.BodyStructure);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 1 FETCH (UID 7 BODYSTRUCTURE {structure})\r\n{command.Tag} OK\r\n");
        return (SinglePart)(await fetch.WaitAsync(Wait)).Single().Body!;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Gives its data at most <paramref name="piece"/> bytes per read.</summary>
    private sealed class PieceStream(byte[] data, int piece) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
