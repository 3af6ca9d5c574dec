using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Uploads;

/// <summary>CATENATE (RFC 4469): exact bytes, URLs built from typed values, typed refusals, and cancellation inside a text.</summary>
public sealed class CatenateTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Text_and_url_parts_go_in_order_in_one_append()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UIDPLUS CATENATE");
        byte[] header = Encoding.ASCII.GetBytes("Subject: fwd\r\n\r\n");
        byte[] footer = Encoding.ASCII.GetBytes("\r\n-- \r\nsent\r\n");
        var append = h.Client.AppendCatenatedAsync("Drafts",
        [
            CatenatePart.Text(header),
            CatenatePart.Message("INBOX", 9, new Uid(20), "1.2"),
            CatenatePart.TextFromStream(new PausingStream(footer), footer.Length),
            CatenatePart.Message("INBOX", 9, new Uid(21)),
        ], new AppendOptions { Flags = MessageFlag.Draft });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Drafts (\\Draft) CATENATE (TEXT {{{header.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(header.Length), Is.EqualTo(header));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" URL \"/INBOX;UIDVALIDITY=9/;UID=20/;SECTION=1.2\" TEXT {{{footer.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(footer.Length), Is.EqualTo(footer));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo(" URL \"/INBOX;UIDVALIDITY=9/;UID=21\")"));
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 3 44] done\r\n");

        Assert.That((await append.WaitAsync(Wait)).Uid, Is.EqualTo(new Uid(44)));
    }

    [Test]
    public void Urls_are_built_from_typed_values_and_percent_encoded()
    {
        Assert.That(CatenatePart.Message("Archive/2024 Q1;old", 7, new Uid(5), "HEADER.FIELDS (SUBJECT)").Url,
            Is.EqualTo("/Archive/2024%20Q1%3Bold;UIDVALIDITY=7/;UID=5/;SECTION=HEADER.FIELDS%20%28SUBJECT%29"));
        Assert.That(CatenatePart.Message("Brief€%", 1, new Uid(2)).Url, Is.EqualTo("/Brief%E2%82%AC%25;UIDVALIDITY=1/;UID=2"));
        Assert.That(CatenatePart.Message("a/b", 1, new Uid(2), "1/2").Url, Is.EqualTo("/a/b;UIDVALIDITY=1/;UID=2/;SECTION=1%2F2"), "a slash is literal in the mailbox only");
    }

    [TestCase("In\rbox", null)]
    [TestCase("In\nbox", null)]
    [TestCase("In\0box", null)]
    [TestCase("INBOX", "1\r\n")]
    [TestCase("INBOX", "1\0")]
    [TestCase("INBOX", "")]
    [TestCase("", null)]
    public void Control_characters_and_empty_names_are_refused(string mailbox, string? section)
    {
        Assert.Throws<ArgumentException>(() => CatenatePart.Message(mailbox, 1, new Uid(1), section));
    }

    [Test]
    public void Bad_numbers_and_raw_urls_with_spaces_or_controls_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CatenatePart.Message("INBOX", 0, new Uid(1)));
        Assert.Throws<ArgumentException>(() => CatenatePart.FromUrl("/INBOX;UID=1 x"));
        Assert.Throws<ArgumentException>(() => CatenatePart.FromUrl("/INBOX;UID=1\r\nA1 DELETE INBOX"));
        Assert.Throws<ArgumentException>(() => CatenatePart.FromUrl("/Brief€;UID=1"));
        Assert.Throws<ArgumentException>(() => CatenatePart.Text("a\0b"u8.ToArray()));
        Assert.That(CatenatePart.FromUrl("/INBOX;UIDVALIDITY=1/;UID=1;urlauth=submit+x:internal:91354a").Url, Does.EndWith("91354a"));
    }

    [Test]
    public async Task Without_catenate_nothing_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");

        var error = Assert.Throws<NotSupportedException>(() => h.Client.AppendCatenatedAsync("Drafts", [CatenatePart.Text("x"u8.ToArray())]));
        Assert.That(error!.Message, Does.Contain("CATENATE"));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    [Test]
    public async Task A_bad_url_is_a_command_error_with_its_code_and_toobig_is_typed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ CATENATE");
        var append = h.Client.AppendCatenatedAsync("Drafts", [CatenatePart.Message("INBOX", 9, new Uid(99))]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("APPEND Drafts CATENATE (URL \"/INBOX;UIDVALIDITY=9/;UID=99\")"));
        await h.Server.SendAsync($"{command.Tag} NO [BADURL \"/INBOX;UIDVALIDITY=9/;UID=99\"] no such message\r\n");
        var error = Assert.ThrowsAsync<ImapCommandException>(() => append.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.BadUrl));

        var big = h.Client.AppendCatenatedAsync("Drafts", [CatenatePart.Message("INBOX", 9, new Uid(1))]);
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{second.Tag} NO [TOOBIG] too big\r\n");
        var tooBig = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => big.WaitAsync(Wait));
        Assert.That(tooBig!.Size, Is.Null, "the server alone knows the size of what the URLs name");
    }

    [Test]
    public async Task The_text_parts_are_checked_against_the_limit_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ CATENATE APPENDLIMIT=10");
        Assert.Throws<ImapMessageTooLargeException>(() => h.Client.AppendCatenatedAsync("Drafts",
            [CatenatePart.Text("123456"u8.ToArray()), CatenatePart.Message("INBOX", 1, new Uid(1)), CatenatePart.Text("78901"u8.ToArray())]));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    [Test]
    public async Task Cancelled_inside_a_text_the_part_list_is_closed_and_the_command_made_invalid()
    {
        const int Length = 90_000;
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ CATENATE");
        byte[] text = Encoding.ASCII.GetBytes(new string('t', Length));
        var source = new PausingStream(text, 70_000);
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendCatenatedAsync("Drafts", [CatenatePart.Message("INBOX", 9, new Uid(1)), CatenatePart.TextFromStream(source, Length)], cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Drafts CATENATE (URL \"/INBOX;UIDVALIDITY=9/;UID=1\" TEXT {{{Length}+}}"));
        await h.Server.ReadBytesAsync(70_000);
        await source.Reached.WaitAsync(Wait);

        await cancel.CancelAsync();

        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(20_000 + 5)), Is.EqualTo(new string('X', 20_000) + ") )\r\n"),
            "a lone ')' would close the list validly; the second cannot follow a message");
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n");
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }
}
