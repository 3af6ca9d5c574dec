using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>
/// LIST with LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819) and SPECIAL-USE (RFC 6154), and every fallback when the
/// server lacks them: exact bytes out, exact bytes in.
/// </summary>
public sealed class ListTests
{
    private const string Extended = "IMAP4rev1 LITERAL+ LIST-EXTENDED LIST-STATUS SPECIAL-USE";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Listing_without_options_is_a_plain_list_even_when_list_extended_is_offered()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync();

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\""));
        await h.Server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n{command.Tag} OK done\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.Attributes)), Is.EqualTo(new[] { ("INBOX", MailboxAttributes.HasNoChildren) }));
    }

    [Test]
    public async Task Extended_list_sends_selection_options_several_patterns_and_return_options_in_rfc_5258_syntax()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("INBOX", "Archive/%")
        {
            Reference = "",
            Selection = ListSelectionOptions.Subscribed | ListSelectionOptions.Remote | ListSelectionOptions.RecursiveMatch,
            Return = ListReturnOptions.Subscribed | ListReturnOptions.Children | ListReturnOptions.SpecialUse,
            Status = StatusItems.Messages | StatusItems.Unseen,
        });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(
            "LIST (SUBSCRIBED REMOTE RECURSIVEMATCH) \"\" (INBOX \"Archive/%\") RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))"));
        await h.Server.SendAsync(
            "* LIST (\\Subscribed \\HasNoChildren) \"/\" INBOX\r\n" +
            "* STATUS INBOX (MESSAGES 7 UNSEEN 2)\r\n" +
            "* LIST (\\NonExistent \\HasChildren) \"/\" Archive/2024 (CHILDINFO (\"SUBSCRIBED\"))\r\n" +
            "* LIST (\\Subscribed \\Archive \\Remote \\Marked) \"/\" Archive/2025\r\n" +
            "* STATUS Archive/2025 (MESSAGES 40 UNSEEN 0)\r\n" +
            $"{command.Tag} OK List completed\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => m.Name), Is.EqualTo(new[] { "INBOX", "Archive/2024", "Archive/2025" }));
        Assert.That(result[0].Attributes, Is.EqualTo(MailboxAttributes.Subscribed | MailboxAttributes.HasNoChildren));
        Assert.That(result[0].IsSubscribed, Is.True);
        Assert.That((result[0].Status?.Messages, result[0].Status?.Unseen), Is.EqualTo(((uint?)7, (uint?)2)));

        // \NonExistent implies \Noselect (RFC 5258 §3.4); CHILDINFO says why the parent was reported.
        Assert.That(result[1].Attributes, Is.EqualTo(MailboxAttributes.NonExistent | MailboxAttributes.NoSelect | MailboxAttributes.HasChildren));
        Assert.That(result[1].IsSelectable, Is.False);
        Assert.That(result[1].IsSubscribed, Is.False);
        Assert.That(result[1].ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
        Assert.That(result[1].Status, Is.Null);

        Assert.That(result[2].Attributes, Is.EqualTo(MailboxAttributes.Subscribed | MailboxAttributes.Archive | MailboxAttributes.Remote | MailboxAttributes.Marked));
        Assert.That(result[2].SpecialUses, Is.EqualTo(MailboxAttributes.Archive));
        Assert.That(result[2].SpecialUse, Is.EqualTo("\\Archive"));
        Assert.That(result[2].RawAttributes, Is.EqualTo(new[] { "\\Subscribed", "\\Archive", "\\Remote", "\\Marked" }));
        Assert.That((result[2].Parent, result[2].LeafName), Is.EqualTo(("Archive", "2025")));
        Assert.That((result[2].Status?.Name, result[2].Status?.Messages), Is.EqualTo(("Archive/2025", (uint?)40)));
    }

    [Test]
    public async Task Imap4rev2_counts_as_list_extended_and_list_status_and_names_go_in_utf8()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev2");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("Entwürfe/*") { Status = StatusItems.Messages });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(Latin1("LIST \"\" \"Entwürfe/*\" RETURN (STATUS (MESSAGES))")));
        await h.Server.SendAsync(Encoding.UTF8.GetBytes(
            "* LIST () \"/\" \"Entwürfe/日本語\"\r\n" +
            "* STATUS \"Entwürfe/日本語\" (MESSAGES 3)\r\n" +
            $"{command.Tag} OK done\r\n"));

        var result = (await list.WaitAsync(Wait)).Single();
        Assert.That((result.Name, result.Parent, result.LeafName, result.Status?.Messages), Is.EqualTo(("Entwürfe/日本語", "Entwürfe", "日本語", (uint?)3)));
    }

    [Test]
    public async Task List_status_is_matched_by_name_including_inbox_in_another_case_and_oldname_is_kept()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Messages });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (STATUS (MESSAGES))"));
        await h.Server.SendAsync(
            "* LIST () \"/\" Inbox\r\n" +
            "* STATUS INBOX (MESSAGES 11)\r\n" +
            "* LIST () \"/\" \"Entw&APw-rfe\" (OLDNAME (\"Drafts\"))\r\n" +
            "* STATUS Entw&APw-rfe (MESSAGES 4)\r\n" +
            "* STATUS NotListed (MESSAGES 99)\r\n" +
            $"{command.Tag} OK done\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.Status?.Messages, m.OldName)), Is.EqualTo(new[]
        {
            ("INBOX", (uint?)11, (string?)null),
            ("Entwürfe", 4u, "Drafts"),
        }));
    }

    [Test]
    public async Task List_status_that_arrives_before_its_list_response_is_not_taken_by_the_list()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Messages });

        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            "* STATUS Sent (MESSAGES 5)\r\n" +
            "* LIST () \"/\" Sent\r\n" +
            $"{command.Tag} OK done\r\n");

        var result = (await list.WaitAsync(Wait)).Single();
        Assert.That((result.Name, result.Status), Is.EqualTo(("Sent", (MailboxStatus?)null)));
    }

    [Test]
    public async Task A_status_call_sent_before_a_list_status_keeps_its_own_answer_when_the_server_answers_the_list_first()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var status = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
        var statusCommand = await h.Server.ReadCommandAsync();
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("Sent") { Status = StatusItems.Messages | StatusItems.Unseen });
        var listCommand = await h.Server.ReadCommandAsync();
        Assert.That((statusCommand.Text, listCommand.Text), Is.EqualTo((
            "STATUS Sent (MESSAGES)",
            "LIST \"\" Sent RETURN (STATUS (MESSAGES UNSEEN))")));

        // The STATUS command is older, so it is offered every STATUS response first; the LIST's answer comes first.
        await h.Server.SendAsync(
            "* LIST () \"/\" Sent\r\n" +
            "* STATUS Sent (MESSAGES 20 UNSEEN 3)\r\n" +
            "* STATUS Sent (MESSAGES 21)\r\n" +
            $"{listCommand.Tag} OK list done\r\n" +
            $"{statusCommand.Tag} OK status done\r\n");

        var own = await status.WaitAsync(Wait);
        var listed = (await list.WaitAsync(Wait)).Single();
        Assert.That((own.Messages, own.Unseen), Is.EqualTo(((uint?)21, (uint?)null)));
        Assert.That((listed.Status?.Messages, listed.Status?.Unseen), Is.EqualTo(((uint?)20, (uint?)3)));
    }

    [Test]
    public async Task A_status_call_sent_after_a_list_status_gets_the_answer_after_the_lists_own()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("Sent") { Status = StatusItems.Messages });
        var listCommand = await h.Server.ReadCommandAsync();
        var status = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
        var statusCommand = await h.Server.ReadCommandAsync();
        Assert.That(statusCommand.Text, Is.EqualTo("STATUS Sent (MESSAGES)"));

        // Same items: the answers are told apart by order alone, and the older command (the LIST) comes first.
        await h.Server.SendAsync(
            "* LIST () \"/\" Sent\r\n" +
            "* STATUS Sent (MESSAGES 30)\r\n" +
            $"{listCommand.Tag} OK list done\r\n" +
            "* STATUS Sent (MESSAGES 31)\r\n" +
            $"{statusCommand.Tag} OK status done\r\n");

        Assert.That((await list.WaitAsync(Wait)).Single().Status?.Messages, Is.EqualTo(30));
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(31));
    }

    [Test]
    public async Task A_status_call_answered_before_the_list_it_runs_beside_is_not_taken_by_the_list()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("Sent") { Status = StatusItems.Messages });
        var listCommand = await h.Server.ReadCommandAsync();
        var status = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
        var statusCommand = await h.Server.ReadCommandAsync();

        await h.Server.SendAsync(
            "* STATUS Sent (MESSAGES 41)\r\n" +
            $"{statusCommand.Tag} OK status done\r\n" +
            "* LIST () \"/\" Sent\r\n" +
            "* STATUS Sent (MESSAGES 40)\r\n" +
            $"{listCommand.Tag} OK list done\r\n");

        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(41));
        Assert.That((await list.WaitAsync(Wait)).Single().Status?.Messages, Is.EqualTo(40));
    }

    [Test]
    public async Task A_status_answer_with_other_items_than_asked_is_still_used_when_it_is_the_only_one()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var status = h.Client.GetStatusAsync("Sent", StatusItems.Messages);
        var command = await h.Server.ReadCommandAsync();

        // A server that adds an item nobody asked for.
        await h.Server.SendAsync($"* STATUS Sent (MESSAGES 8 UIDNEXT 9)\r\n{command.Tag} OK done\r\n");

        var result = await status.WaitAsync(Wait);
        Assert.That((result.Messages, result.UidNext), Is.EqualTo(((uint?)8, (uint?)9)));
    }

    [Test]
    public async Task Without_list_status_the_status_items_are_asked_with_one_pipelined_status_per_selectable_mailbox()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ LIST-EXTENDED");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Return = ListReturnOptions.Children, Status = StatusItems.Messages | StatusItems.Unseen });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (CHILDREN)"));
        await h.Server.SendAsync(
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n" +
            "* LIST (\\Noselect \\HasChildren) \"/\" Lists\r\n" +
            "* LIST (\\HasNoChildren) \"/\" Lists/dotnet\r\n" +
            "* LIST (\\HasNoChildren) \"/\" Forbidden\r\n" +
            $"{command.Tag} OK done\r\n");

        // Every STATUS is on the wire before any is answered: they are pipelined. \Noselect gets none.
        var statuses = new List<Support.ClientCommand>();
        for (int i = 0; i < 3; i++)
        {
            statuses.Add(await h.Server.ReadCommandAsync());
        }

        Assert.That(statuses.Select(c => c.Text), Is.EqualTo(new[]
        {
            "STATUS INBOX (MESSAGES UNSEEN)",
            "STATUS Lists/dotnet (MESSAGES UNSEEN)",
            "STATUS Forbidden (MESSAGES UNSEEN)",
        }));
        await h.ExpectNothingBeforeNoopAsync();
        await h.Server.SendAsync(
            "* STATUS Lists/dotnet (MESSAGES 40 UNSEEN 1)\r\n" +
            $"{statuses[1].Tag} OK\r\n" +
            $"{statuses[2].Tag} NO [NOPERM] Permission denied\r\n" +
            "* STATUS INBOX (MESSAGES 2000 UNSEEN 5)\r\n" +
            $"{statuses[0].Tag} OK\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.Status?.Messages, m.Status?.Unseen)), Is.EqualTo(new[]
        {
            ("INBOX", (uint?)2000, (uint?)5),
            ("Lists", null, null),
            ("Lists/dotnet", 40u, 1u),
            ("Forbidden", null, null),
        }.Select(t => (t.Item1, (uint?)t.Item2, (uint?)t.Item3))));
    }

    [Test]
    public async Task A_bad_answer_to_a_fallback_status_fails_the_listing()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Size });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\""));
        await h.Server.SendAsync($"* LIST () \"/\" INBOX\r\n{command.Tag} OK done\r\n");
        var status = await h.Server.ReadCommandAsync();
        Assert.That(status.Text, Is.EqualTo("STATUS INBOX (SIZE)"));
        await h.Server.SendAsync($"{status.Tag} BAD Unknown status item\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => list.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("STATUS", ImapStatus.Bad)));
    }

    [Test]
    public async Task Without_list_extended_a_subscribed_selection_is_lsub_and_keeps_only_the_subscribed_answers()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("Lists/%") { Selection = ListSelectionOptions.Subscribed | ListSelectionOptions.Remote });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LSUB \"\" \"Lists/%\""));
        await h.Server.SendAsync(
            "* LSUB () \"/\" Lists/dotnet\r\n" +
            "* LSUB (\\Noselect) \"/\" Lists/rust\r\n" +
            $"{command.Tag} OK done\r\n");

        // Lists/rust is only a parent of subscribed names (RFC 3501 §6.3.9), which LIST (SUBSCRIBED) leaves out.
        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.Attributes)), Is.EqualTo(new[] { ("Lists/dotnet", MailboxAttributes.Subscribed) }));
        Assert.That(result[0].RawAttributes, Is.EqualTo(new[] { "\\Subscribed" }));
    }

    [Test]
    public async Task A_subscribed_selection_on_courier_does_not_report_inbox_when_only_its_children_are_subscribed()
    {
        // Regression: Courier answers LSUB with INBOX \Noselect when only INBOX.* is subscribed; the library reported
        // INBOX as subscribed and not selectable.
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CHILDREN NAMESPACE");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Selection = ListSelectionOptions.Subscribed });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LSUB \"\" \"*\""));
        await h.Server.SendAsync(
            "* LSUB (\\Noselect \\HasChildren) \".\" \"INBOX\"\r\n" +
            "* LSUB (\\HasNoChildren) \".\" \"INBOX.Sent\"\r\n" +
            $"{command.Tag} OK LSUB completed.\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.IsSubscribed, m.IsSelectable)), Is.EqualTo(new[] { ("INBOX.Sent", true, true) }));
    }

    [Test]
    public async Task Lsub_reports_a_noselect_parent_as_not_subscribed_with_subscribed_children()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CHILDREN");
        var lsub = h.Client.ListSubscribedMailboxesAsync();

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LSUB \"\" \"*\""));
        await h.Server.SendAsync(
            "* LSUB (\\Noselect \\HasChildren) \".\" \"INBOX\"\r\n" +
            "* LSUB (\\HasNoChildren) \".\" \"INBOX.Sent\"\r\n" +
            $"{command.Tag} OK LSUB completed.\r\n");

        // In LSUB, \Noselect marks the unsubscribed parent (RFC 3501 §6.3.9); it says nothing about selecting INBOX.
        var result = await lsub.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.IsSubscribed, m.IsSelectable)), Is.EqualTo(new[] { ("INBOX", false, true), ("INBOX.Sent", true, true) }));
        Assert.That(result[0].RawAttributes, Is.EqualTo(new[] { "\\HasChildren" }));
        Assert.That(result[0].Attributes, Is.EqualTo(MailboxAttributes.HasChildren));
        Assert.That(result[0].ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
        Assert.That(result[1].ChildInfo, Is.Empty);
    }

    [Test]
    public async Task Without_list_extended_the_subscribed_return_option_does_not_mark_a_parent_lsub_flags_noselect()
    {
        // Regression: the merge marked INBOX \Subscribed because Courier's LSUB named it, flagged \Noselect.
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CHILDREN");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Return = ListReturnOptions.Subscribed });

        var listCommand = await h.Server.ReadCommandAsync();
        var lsubCommand = await h.Server.ReadCommandAsync();
        Assert.That((listCommand.Text, lsubCommand.Text), Is.EqualTo(("LIST \"\" \"*\"", "LSUB \"\" \"*\"")));
        await h.Server.SendAsync(
            "* LSUB (\\Noselect \\HasChildren) \".\" \"INBOX\"\r\n" +
            "* LSUB (\\HasNoChildren) \".\" \"INBOX.Sent\"\r\n" +
            $"{lsubCommand.Tag} OK LSUB completed.\r\n" +
            "* LIST (\\Unmarked \\HasChildren) \".\" \"INBOX\"\r\n" +
            "* LIST (\\HasNoChildren) \".\" \"INBOX.Sent\"\r\n" +
            "* LIST (\\HasNoChildren) \".\" \"INBOX.Old\"\r\n" +
            $"{listCommand.Tag} OK LIST completed.\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(
            result.Select(m => (m.Name, m.IsSubscribed, m.IsSelectable)),
            Is.EqualTo(new[] { ("INBOX", false, true), ("INBOX.Sent", true, true), ("INBOX.Old", false, true) }));
    }

    [Test]
    public async Task Without_list_extended_the_subscribed_return_option_runs_lsub_beside_list_and_merges()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("%") { Return = ListReturnOptions.Subscribed | ListReturnOptions.Children | ListReturnOptions.SpecialUse });

        // Both on the wire before either is answered; LSUB with "*" so that no unsubscribed parent is reported.
        var listCommand = await h.Server.ReadCommandAsync();
        var lsubCommand = await h.Server.ReadCommandAsync();
        Assert.That((listCommand.Text, lsubCommand.Text), Is.EqualTo(("LIST \"\" \"%\"", "LSUB \"\" \"*\"")));
        await h.Server.SendAsync(
            "* LSUB () \"/\" Sent\r\n" +
            "* LSUB () \"/\" Lists/dotnet\r\n" +
            "* LSUB () \"/\" inbox\r\n" +
            $"{lsubCommand.Tag} OK done\r\n" +
            "* LIST () \"/\" INBOX\r\n" +
            "* LIST () \"/\" Sent\r\n" +
            "* LIST (\\Noselect) \"/\" Lists\r\n" +
            $"{listCommand.Tag} OK done\r\n");

        var result = await list.WaitAsync(Wait);
        Assert.That(result.Select(m => (m.Name, m.IsSubscribed)), Is.EqualTo(new[] { ("INBOX", true), ("Sent", true), ("Lists", false) }));
        Assert.That(result[1].RawAttributes, Is.EqualTo(new[] { "\\Subscribed" }));
    }

    [Test]
    public async Task Without_list_extended_several_patterns_are_one_list_each_and_duplicates_are_dropped()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions("INBOX", "*", "INBOX"));

        var first = await h.Server.ReadCommandAsync();
        Assert.That(first.Text, Is.EqualTo("LIST \"\" INBOX"));
        h.ExpectHeldBack("LIST");
        await h.Server.SendAsync($"* LIST () \"/\" INBOX\r\n{first.Tag} OK\r\n");
        var second = await h.Server.ReadCommandAsync();
        Assert.That(second.Text, Is.EqualTo("LIST \"\" \"*\""));
        await h.Server.SendAsync($"* LIST () \"/\" Sent\r\n* LIST () \"/\" INBOX\r\n{second.Tag} OK\r\n");

        Assert.That((await list.WaitAsync(Wait)).Select(m => m.Name), Is.EqualTo(new[] { "INBOX", "Sent" }));
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Without_special_use_the_special_use_return_option_is_left_out()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LIST-EXTENDED");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Return = ListReturnOptions.SpecialUse | ListReturnOptions.Children });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (CHILDREN)"));
        await h.Server.SendAsync($"* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n{command.Tag} OK\r\n");

        Assert.That((await list.WaitAsync(Wait)).Single().SpecialUses, Is.EqualTo(MailboxAttributes.Sent));
    }

    [Test]
    public async Task Without_list_extended_recursivematch_is_not_supported_and_nothing_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();

        Assert.That(
            () => h.Client.ListMailboxesAsync(new MailboxListOptions { Selection = ListSelectionOptions.Subscribed | ListSelectionOptions.RecursiveMatch }),
            Throws.InstanceOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Bad_list_arguments_are_rejected_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);

        Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions { Selection = ListSelectionOptions.RecursiveMatch }), Throws.ArgumentException);
        Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions { Patterns = [] }), Throws.ArgumentException);
        Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions("ok", "bad\0")), Throws.ArgumentException);
        Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions { Reference = ((char)0xD800).ToString() }), Throws.ArgumentException);
        Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions { Status = (StatusItems)4096 }), Throws.ArgumentException);
        Assert.That(() => h.Client.ListSubscribedMailboxesAsync("a\0b"), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task A_refused_list_fails_with_the_servers_status_and_code()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Selection = ListSelectionOptions.Remote });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST (REMOTE) \"\" \"*\""));
        await h.Server.SendAsync($"{command.Tag} NO [UNAVAILABLE] Try later\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => list.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status, error.Code?.Name, error.IsTransient), Is.EqualTo(("LIST", ImapStatus.No, "UNAVAILABLE", true)));
    }

    [Test]
    public async Task Lsub_lists_subscriptions_and_an_imap4rev2_only_server_gets_list_subscribed_instead()
    {
        await using (var h = await ClientHarness.ConnectAsync())
        {
            var lsub = h.Client.ListSubscribedMailboxesAsync("Lists/*");
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("LSUB \"\" \"Lists/*\""));
            await h.Server.SendAsync($"* LSUB () \".\" Lists.dotnet\r\n{command.Tag} OK\r\n");
            var only = (await lsub.WaitAsync(Wait)).Single();
            Assert.That((only.Name, only.IsSubscribed, only.Parent, only.LeafName), Is.EqualTo(("Lists.dotnet", true, "Lists", "dotnet")));
        }

        await using (var h = await ClientHarness.ConnectAsync("IMAP4rev2"))
        {
            var lsub = h.Client.ListSubscribedMailboxesAsync();
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("LIST (SUBSCRIBED) \"\" \"*\""));
            await h.Server.SendAsync($"* LIST (\\Subscribed) \"/\" Sent\r\n{command.Tag} OK\r\n");
            Assert.That((await lsub.WaitAsync(Wait)).Single().IsSubscribed, Is.True);
        }
    }

    [Test]
    public async Task A_list_and_an_lsub_are_each_exclusive_but_run_beside_each_other()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var list = h.Client.ListMailboxesAsync();
        var lsub = h.Client.ListSubscribedMailboxesAsync();
        var secondLsub = h.Client.ListSubscribedMailboxesAsync("%");

        var listCommand = await h.Server.ReadCommandAsync();
        var lsubCommand = await h.Server.ReadCommandAsync();
        Assert.That((listCommand.Text, lsubCommand.Text), Is.EqualTo(("LIST \"\" \"*\"", "LSUB \"\" \"*\"")));
        h.ExpectHeldBack("LSUB");

        // Interleaved answers: LIST data goes to the LIST, LSUB data to the LSUB.
        await h.Server.SendAsync(
            "* LSUB () \"/\" Sent\r\n" +
            "* LIST () \"/\" INBOX\r\n" +
            "* LIST () \"/\" Sent\r\n" +
            $"{lsubCommand.Tag} OK\r\n");
        var secondCommand = await h.Server.ReadCommandAsync();
        Assert.That(secondCommand.Text, Is.EqualTo("LSUB \"\" \"%\""));
        await h.Server.SendAsync($"{listCommand.Tag} OK\r\n{secondCommand.Tag} OK\r\n");

        Assert.That((await list.WaitAsync(Wait)).Select(m => (m.Name, m.IsSubscribed)), Is.EqualTo(new[] { ("INBOX", false), ("Sent", false) }));
        Assert.That((await lsub.WaitAsync(Wait)).Select(m => (m.Name, m.IsSubscribed)), Is.EqualTo(new[] { ("Sent", true) }));
        Assert.That(await secondLsub.WaitAsync(Wait), Is.Empty);
    }

    [Test]
    public async Task Special_mailboxes_are_selected_by_the_server_when_it_offers_special_use()
    {
        await using var h = await ClientHarness.ConnectAsync(Extended);
        var find = h.Client.FindSpecialMailboxesAsync();

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST (SPECIAL-USE) \"\" \"*\" RETURN (SPECIAL-USE)"));
        await h.Server.SendAsync(
            "* LIST (\\Sent \\HasNoChildren) \"/\" \"Sent Items\"\r\n" +
            "* LIST (\\Trash) \"/\" Bin\r\n" +
            "* LIST (\\Drafts) \"/\" Drafts\r\n" +
            "* LIST (\\Junk) \"/\" Spam\r\n" +
            "* LIST (\\Archive) \"/\" Archive\r\n" +
            "* LIST (\\All \\Noselect) \"/\" \"All Mail\"\r\n" +
            "* LIST (\\Flagged) \"/\" Starred\r\n" +
            "* LIST (\\Important) \"/\" Important\r\n" +
            "* LIST (\\Sent) \"/\" \"Old Sent\"\r\n" +
            $"{command.Tag} OK\r\n");

        var found = await find.WaitAsync(Wait);
        Assert.That(
            new[] { found.Sent, found.Trash, found.Drafts, found.Junk, found.Archive, found.All, found.Flagged, found.Important }.Select(m => m?.Name),
            Is.EqualTo(new[] { "Sent Items", "Bin", "Drafts", "Spam", "Archive", "All Mail", "Starred", "Important" }));
        Assert.That(found.Mailboxes, Has.Count.EqualTo(9));
    }

    [Test]
    public async Task Special_mailboxes_without_special_use_come_from_a_full_list_matched_ignoring_case()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var find = h.Client.FindSpecialMailboxesAsync();

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\""));

        // Cyrus sends the special uses in lower case.
        await h.Server.SendAsync(
            "* LIST (\\HasNoChildren) \".\" INBOX\r\n" +
            "* LIST (\\HasNoChildren \\sent) \".\" INBOX.Sent\r\n" +
            "* LIST (\\HasNoChildren \\TRASH) \".\" INBOX.Trash\r\n" +
            "* LIST (\\HasNoChildren) \".\" INBOX.Other\r\n" +
            $"{command.Tag} OK\r\n");

        var found = await find.WaitAsync(Wait);
        Assert.That(found.Mailboxes.Select(m => m.Name), Is.EqualTo(new[] { "INBOX.Sent", "INBOX.Trash" }));
        Assert.That((found.Sent?.Name, found.Trash?.SpecialUse, found.Drafts, found.Junk), Is.EqualTo(("INBOX.Sent", "\\Trash", (MailboxInfo?)null, (MailboxInfo?)null)));
    }

    [Test]
    public void Parent_and_leaf_follow_the_delimiter()
    {
        Assert.That(Hierarchy("a/b/c", '/'), Is.EqualTo(("a/b", "c")));
        Assert.That(Hierarchy("top", '/'), Is.EqualTo(((string?)null, "top")));
        Assert.That(Hierarchy("a/b/", '/'), Is.EqualTo(("a", "b")));
        Assert.That(Hierarchy("flat/name", null), Is.EqualTo(((string?)null, "flat/name")));
        Assert.That(Hierarchy("/", '/'), Is.EqualTo(((string?)null, "/")));

        static (string?, string) Hierarchy(string name, char? delimiter)
        {
            var info = new MailboxInfo(name, delimiter, []);
            return (info.Parent, info.LeafName);
        }
    }

    [Test]
    public void Noinferiors_implies_no_children_and_unknown_attributes_stay_raw()
    {
        var info = new MailboxInfo("x", '/', ["\\NoInferiors", "\\X-Custom", "\\UNMARKED"]);

        Assert.That(info.Attributes, Is.EqualTo(MailboxAttributes.NoInferiors | MailboxAttributes.HasNoChildren | MailboxAttributes.Unmarked));
        Assert.That(info.HasAttribute("\\x-custom"), Is.True);
        Assert.That((info.IsSelectable, info.SpecialUse), Is.EqualTo((true, (string?)null)));
    }

    private static string Latin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
