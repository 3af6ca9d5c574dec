namespace Imap.Tests.Dispatch;

/// <summary>STATUS attribution by mailbox name, LIST as an exclusive kind.</summary>
public sealed class MailboxCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Concurrent_status_calls_are_pipelined_and_each_gets_its_own_answer()
    {
        await using var h = await ClientHarness.ConnectAsync();
        string[] names = ["INBOX", "Sent", "Entwürfe", "Lists/dotnet", "a \"quoted\" name"];
        var calls = names.Select(n => h.Client.GetStatusAsync(n, StatusItems.Messages | StatusItems.Unseen)).ToList();

        var commands = new List<Support.ClientCommand>();
        foreach (var _ in names)
        {
            commands.Add(await h.Server.ReadCommandAsync());
        }

        Assert.That(commands.Select(c => c.Text), Is.EqualTo(new[]
        {
            "STATUS INBOX (MESSAGES UNSEEN)",
            "STATUS Sent (MESSAGES UNSEEN)",
            "STATUS Entw&APw-rfe (MESSAGES UNSEEN)",
            "STATUS Lists/dotnet (MESSAGES UNSEEN)",
            "STATUS \"a \\\"quoted\\\" name\" (MESSAGES UNSEEN)",
        }));

        // Answers in reverse order, INBOX in another case, completions last.
        await h.Server.SendAsync(
            "* STATUS \"a \\\"quoted\\\" name\" (MESSAGES 5 UNSEEN 0)\r\n" +
            "* STATUS Lists/dotnet (MESSAGES 4 UNSEEN 1)\r\n" +
            "* STATUS \"Entw&APw-rfe\" (MESSAGES 3 UNSEEN 2)\r\n" +
            "* STATUS Sent (MESSAGES 2 UNSEEN 3)\r\n" +
            "* STATUS inbox (MESSAGES 1 UNSEEN 4)\r\n" +
            string.Concat(commands.Select(c => $"{c.Tag} OK\r\n")));

        var results = await Task.WhenAll(calls).WaitAsync(Wait);
        Assert.That(results.Select(r => (r.Name, r.Messages, r.Unseen)), Is.EqualTo(new[]
        {
            ("INBOX", (uint?)1, (uint?)4),
            ("Sent", 2u, 3u),
            ("Entwürfe", 3u, 2u),
            ("Lists/dotnet", 4u, 1u),
            ("a \"quoted\" name", 5u, 0u),
        }.Select(t => (t.Item1, (uint?)t.Item2, (uint?)t.Item3))));
    }

    [Test]
    public async Task A_status_size_above_4_gib_arrives_whole_and_one_past_number64_fails_only_that_status()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ STATUS=SIZE");
        var big = h.Client.GetStatusAsync("Archive", StatusItems.Size | StatusItems.Messages);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("STATUS Archive (MESSAGES SIZE)"));
        await h.Server.SendAsync($"* STATUS Archive (MESSAGES 120000 SIZE 6442450944)\r\n{command.Tag} OK\r\n");
        var status = await big.WaitAsync(Wait);
        Assert.That((status.Messages, status.Size), Is.EqualTo(((uint?)120_000, (long?)6_442_450_944)), "6 GiB");

        var hostile = h.Client.GetStatusAsync("Archive", StatusItems.Size);
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* STATUS Archive (SIZE 9223372036854775808)\r\n{second.Tag} OK\r\n");
        Assert.ThrowsAsync<ImapProtocolException>(() => hostile.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test(Description = "STATUS commands are pooled: a reused one must not answer with what its last use was sent.")]
    public async Task A_status_after_another_gets_nothing_of_the_earlier_answer()
    {
        await using var h = await ClientHarness.ConnectAsync();
        for (int round = 0; round < 3; round++)
        {
            // An answer with other items than asked for is kept as a fallback, and used: the first STATUS succeeds.
            var first = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
            var command = await h.Server.ReadCommandAsync();
            await h.Server.SendAsync($"* STATUS Sent (MESSAGES 7 UNSEEN 1)\r\n{command.Tag} OK\r\n");
            Assert.That((await first.WaitAsync(Wait)).Messages, Is.EqualTo(7));

            // The next STATUS of the same name gets no STATUS at all: it fails, rather than report the earlier one.
            var second = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
            command = await h.Server.ReadCommandAsync();
            await h.Server.SendAsync($"{command.Tag} OK\r\n");
            Assert.ThrowsAsync<ImapProtocolException>(() => second.WaitAsync(Wait), $"round {round}");
        }

        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_second_list_waits_for_the_first()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var first = h.Client.ListMailboxesAsync();
        var second = h.Client.ListMailboxesAsync(new MailboxListOptions("%"));
        var firstCommand = await h.Server.ReadCommandAsync();
        Assert.That(firstCommand.Text, Is.EqualTo("LIST \"\" \"*\""));
        h.ExpectHeldBack("LIST");

        await h.Server.SendAsync(
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n" +
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n" +
            "* LIST (\\Noselect \\HasChildren) \"/\" Lists\r\n" +
            $"{firstCommand.Tag} OK\r\n");
        var secondCommand = await h.Server.ReadCommandAsync();
        Assert.That(secondCommand.Text, Is.EqualTo("LIST \"\" \"%\""));
        await h.Server.SendAsync($"* LIST () \"/\" INBOX\r\n{secondCommand.Tag} OK\r\n");

        var all = await first.WaitAsync(Wait);
        Assert.That(all.Select(m => m.Name), Is.EqualTo(new[] { "INBOX", "Sent", "Lists" }));
        Assert.That(all[1].SpecialUse, Is.EqualTo("\\Sent"));
        Assert.That(all[2].IsSelectable, Is.False);
        Assert.That((await second.WaitAsync(Wait)).Single().Name, Is.EqualTo("INBOX"));
    }

    [Test]
    public async Task Status_names_with_nul_are_rejected_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();

        Assert.That(() => h.Client.GetStatusAsync("bad\0name"), Throws.ArgumentException);
        Assert.That(() => h.Client.GetStatusAsync("INBOX", StatusItems.None), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [TestCase("IMAP4rev1 IMAP4rev2", "STATUS Entw&APw-rfe (MESSAGES)", Description = "offering IMAP4rev2 beside IMAP4rev1 leaves the session IMAP4rev1 until it is enabled")]
    [TestCase("IMAP4rev2", "STATUS \"Entw\u00fcrfe\" (MESSAGES)", Description = "an IMAP4rev2-only server speaks UTF-8")]
    public async Task Mailbox_names_are_utf8_only_once_imap4rev2_is_in_force(string capabilities, string expected)
    {
        await using var h = await ClientHarness.ConnectAsync(capabilities);
        var status = h.Client.GetStatusAsync("Entw\u00fcrfe", StatusItems.Messages);
        var command = await h.Server.ReadCommandAsync();

        // The scripted server shows each byte as one character; the name's bytes must be UTF-8.
        Assert.That(System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(command.Text)), Is.EqualTo(expected));
        await h.Server.SendAsync($"* STATUS {command.Text[7..^11]} (MESSAGES 1)\r\n{command.Tag} OK\r\n");
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(1));
    }

    [Test(Description = "A name sent as raw UTF-8 (or broken modified UTF-7) was re-encoded when given back, naming another mailbox.")]
    public async Task A_name_that_does_not_round_trip_is_given_back_as_the_servers_own_bytes()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var list = h.Client.ListMailboxesAsync();
        var command = await h.Server.ReadCommandAsync();
        byte[] rawUtf8 = System.Text.Encoding.UTF8.GetBytes("Entw\u00fcrfe");
        byte[] listReply =
        [
            .. System.Text.Encoding.ASCII.GetBytes($"* LIST () \"/\" {{{rawUtf8.Length}}}\r\n"), .. rawUtf8,
            .. System.Text.Encoding.ASCII.GetBytes($"\r\n* LIST () \"/\" \"&Jjo\"\r\n{command.Tag} OK\r\n"),
        ];
        await h.Server.SendAsync(listReply);
        var names = (await list.WaitAsync(Wait)).Select(m => m.Name).ToList();
        Assert.That(names, Is.EqualTo(new[] { "Entw\u00fcrfe", "&Jjo" }), "shown as best they can be");

        // Given back, each goes out as the server's bytes, not re-encoded to modified UTF-7 ("Entw&APw-rfe", "&-Jjo").
        var status = h.Client.GetStatusAsync(names[0], StatusItems.Messages);
        var sent = await h.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo($"STATUS {{{rawUtf8.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(rawUtf8.Length + " (MESSAGES)\r\n".Length),
            Is.EqualTo(rawUtf8.Concat(System.Text.Encoding.ASCII.GetBytes(" (MESSAGES)\r\n")).ToArray()));
        byte[] statusReply =
        [
            .. System.Text.Encoding.ASCII.GetBytes($"* STATUS {{{rawUtf8.Length}}}\r\n"), .. rawUtf8,
            .. System.Text.Encoding.ASCII.GetBytes($" (MESSAGES 3)\r\n{sent.Tag} OK\r\n"),
        ];
        await h.Server.SendAsync(statusReply);
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(3u), "the answer is matched by the same bytes");

        var select = h.Client.ExamineAsync(names[1]);
        var examine = await h.Server.ReadCommandAsync();
        Assert.That(examine.Text, Is.EqualTo("EXAMINE &Jjo"));
        await h.Server.SendAsync($"{examine.Tag} OK [READ-ONLY] done\r\n");
        await select.WaitAsync(Wait);
    }
}
