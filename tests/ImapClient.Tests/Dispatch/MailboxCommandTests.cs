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
    public async Task A_second_list_waits_for_the_first()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var first = h.Client.ListMailboxesAsync();
        var second = h.Client.ListMailboxesAsync(new MailboxListOptions("%"));
        var firstCommand = await h.Server.ReadCommandAsync();
        Assert.That(firstCommand.Text, Is.EqualTo("LIST \"\" \"*\""));
        await h.Server.ExpectNothingAsync(TimeSpan.FromMilliseconds(150));

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
        await h.Server.ExpectNothingAsync(TimeSpan.FromMilliseconds(100));
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
}
