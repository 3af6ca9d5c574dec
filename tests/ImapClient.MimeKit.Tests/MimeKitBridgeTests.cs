using System.Text;
using MimeKit;

namespace Imap.MimeKit.Tests;

/// <summary>The MimeKit bridge against a scripted server: the exact commands sent, and what comes back parsed.</summary>
public sealed class MimeKitBridgeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly byte[] Attachment = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    private static readonly string AttachmentBase64 = Convert.ToBase64String(Attachment, Base64FormattingOptions.InsertLineBreaks);

    private static readonly string PartHeader = "Content-Type: application/octet-stream; name=data.bin\r\nContent-Disposition: attachment; filename=data.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n";

    private static readonly string Header = "From: Alice <alice@example.com>\r\nTo: Bob <bob@example.com>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMessage-ID: <m1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";

    private static readonly string Message =
        Header + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello Bob\r\n--b1\r\n" + PartHeader + AttachmentBase64 + "\r\n--b1--\r\n";

    [Test]
    public async Task A_message_is_fetched_with_body_peek_and_parsed_from_the_stream()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var responder = new BodyResponder(h.Server, 7, new Dictionary<string, byte[]> { [""] = Encoding.ASCII.GetBytes(Message) });
        var answering = responder.RunAsync(stop.Token);

        MimeMessage message = await inbox.FetchMimeMessageAsync(new Uid(7)).WaitAsync(Wait);
        await h.Client.NoopAsync().WaitAsync(Wait);
        await stop.CancelAsync();
        await answering;

        Assert.That(message.Subject, Is.EqualTo("Grüße"));
        Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("alice@example.com"));
        Assert.That(message.TextBody, Is.EqualTo("Hello Bob"));
        var attachment = message.Attachments.OfType<MimePart>().Single();
        Assert.That(attachment.FileName, Is.EqualTo("data.bin"));
        Assert.That(Decode(attachment), Is.EqualTo(Attachment));
        Assert.That(responder.Commands[0], Does.StartWith("UID FETCH 7 (UID BODY.PEEK[]<0."));
        Assert.That(responder.Commands, Has.None.Contains("BODY[").And.None.Contains("STORE"));
    }

    [Test]
    public async Task The_header_section_alone_is_fetched_as_a_header_list()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var responder = new BodyResponder(h.Server, 7, new Dictionary<string, byte[]> { ["HEADER"] = Encoding.ASCII.GetBytes(Header) });
        var answering = responder.RunAsync(stop.Token);

        HeaderList headers = await inbox.FetchHeadersAsync(new Uid(7)).WaitAsync(Wait);
        await stop.CancelAsync();
        await answering;

        Assert.That(headers.Select(f => f.Field), Is.EqualTo(new[] { "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type" }));
        Assert.That(headers[HeaderId.MessageId], Is.EqualTo("<m1@example.com>"));
        Assert.That(responder.Commands[0], Does.StartWith("UID FETCH 7 (UID BODY.PEEK[HEADER]<0."));
    }

    [Test]
    public async Task One_part_is_fetched_as_its_mime_header_and_content_and_parsed_as_an_entity()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var structure = inbox.FetchListAsync(UidSet.Create(new Uid(7)), FetchItems.BodyStructure);
        var fetch = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            "* 1 FETCH (UID 7 BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 9 1 NIL NIL NIL NIL)" +
            $"(\"application\" \"octet-stream\" (\"name\" \"data.bin\") NIL NIL \"base64\" {AttachmentBase64.Length} NIL (\"attachment\" (\"filename\" \"data.bin\")) NIL NIL)" +
            $" \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL))\r\n{fetch.Tag} OK done\r\n");
        BodyPart part = (await structure.WaitAsync(Wait))[0].Body!.Flatten().OfType<SinglePart>().Single(p => p.FileName == "data.bin");

        using var stop = new CancellationTokenSource();
        var responder = new BodyResponder(h.Server, 7, new Dictionary<string, byte[]>
        {
            ["2.MIME"] = Encoding.ASCII.GetBytes(PartHeader),
            ["2"] = Encoding.ASCII.GetBytes(AttachmentBase64),
        });
        var answering = responder.RunAsync(stop.Token);
        MimeEntity entity = await inbox.FetchMimeEntityAsync(new Uid(7), part).WaitAsync(Wait);
        await stop.CancelAsync();
        await answering;

        var mimePart = (MimePart)entity;
        Assert.That(mimePart.FileName, Is.EqualTo("data.bin"));
        Assert.That(mimePart.ContentTransferEncoding, Is.EqualTo(ContentEncoding.Base64));
        Assert.That(Decode(mimePart), Is.EqualTo(Attachment));
        Assert.That(responder.Commands.Select(c => c[..c.IndexOf('<', StringComparison.Ordinal)]).Distinct(),
            Is.EquivalentTo(new[] { "UID FETCH 7 (UID BODY.PEEK[2.MIME]", "UID FETCH 7 (UID BODY.PEEK[2]" }));
    }

    [Test]
    public async Task A_message_is_appended_with_crlf_line_ends_and_its_exact_length()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        var message = Build(attachmentSize: 600_000);
        byte[] expected = Written(message);
        Assert.That(expected.Length, Is.GreaterThan(600_000), "larger than the 256 KiB the writer may run ahead");

        var append = h.Client.AppendAsync("Drafts", message, new AppendOptions { Flags = MessageFlag.Draft });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Drafts (\\Draft) {{{expected.Length}+}}"));
        byte[] sent = await h.Server.ReadBytesAsync(expected.Length + 2);
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 9 5] done\r\n");

        Assert.That((await append.WaitAsync(Wait)).Uid, Is.EqualTo(new Uid(5)));
        Assert.That(sent[..^2], Is.EqualTo(expected));
        string text = Encoding.Latin1.GetString(sent);
        Assert.That(text.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain('\n'), "every line ends in CRLF");
        Assert.That(text, Does.Contain("Subject: Bridge test\r\n"));
    }

    [Test]
    public async Task A_refused_append_fails_with_its_response_code_and_the_connection_goes_on()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        var message = Build(attachmentSize: 10);
        int length = Written(message).Length;

        var append = h.Client.AppendAsync("Missing", message);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Missing {{{length}+}}"));
        await h.Server.ReadBytesAsync(length + 2);
        await h.Server.SendAsync($"{command.Tag} NO [TRYCREATE] no such mailbox\r\n");

        var refused = Assert.ThrowsAsync<ImapCommandException>(async () => await append.WaitAsync(Wait));
        Assert.That(refused!.Code?.Kind, Is.EqualTo(ResponseCodeKind.TryCreate));

        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task An_append_cancelled_inside_its_literal_stops_the_writer_stores_nothing_and_the_connection_goes_on()
    {
        await using var h = await LoopbackHarness.ConnectAsync();
        byte[] data = [.. Enumerable.Range(0, 600_000).Select(i => (byte)(i * 13))];
        var content = new GatedStream(data, gateAt: 200_000);
        var message = Build(attachmentSize: 0);
        ((global::MimeKit.Multipart)message.Body!).Add(new MimePart("application", "octet-stream")
        {
            FileName = "gated.bin",
            Content = new MimeContent(content),
            ContentTransferEncoding = ContentEncoding.Base64,
        });
        using var cancel = new CancellationTokenSource();

        var append = h.Client.AppendAsync("Drafts", message, cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        int length = int.Parse(command.Text[(command.Text.IndexOf('{', StringComparison.Ordinal) + 1)..^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(length, Is.GreaterThan(800_000), "600,000 bytes in base64");
        await content.ReachedGate.Task.WaitAsync(Wait);
        await h.Server.ReadBytesAsync(100_000);
        await cancel.CancelAsync();

        // Returning at all shows the MimeKit writer stopped: the call waits for it, and it was held at the gate.
        Assert.That(async () => await append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());

        // The library ends the literal with filler and a ")" the server must refuse.
        byte[] rest = await h.Server.ReadBytesAsync(length - 100_000 + 4);
        Assert.That(Encoding.ASCII.GetString(rest[^4..]), Is.EqualTo(" )\r\n"));
        await h.Server.SendAsync($"{command.Tag} BAD no such syntax\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);
    }

    private static MimeMessage Build(int attachmentSize)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Alice", "alice@example.com"));
        message.To.Add(new MailboxAddress("Bob", "bob@example.com"));
        message.Subject = "Bridge test";
        message.MessageId = "bridge@example.com";
        message.Date = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var body = new BodyBuilder { TextBody = "line one\nline two\n" };
        body.Attachments.Add("data.bin", Enumerable.Range(0, attachmentSize).Select(i => (byte)(i * 13)).ToArray());
        message.Body = body.ToMessageBody();
        return message;
    }

    private static byte[] Written(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var memory = new MemoryStream();
        message.WriteTo(format, memory);
        return memory.ToArray();
    }

    private static byte[] Decode(MimePart part)
    {
        using var memory = new MemoryStream();
        part.Content!.DecodeTo(memory);
        return memory.ToArray();
    }
}
