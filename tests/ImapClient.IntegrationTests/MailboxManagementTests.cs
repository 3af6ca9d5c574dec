using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// Listing and managing mailboxes against Dovecot (LIST-EXTENDED, LIST-STATUS, SPECIAL-USE; no CREATE-SPECIAL-USE).
/// Every test works as carol, whose mailboxes no other test uses, below a prefix of its own, and removes what it made.
/// </summary>
[TestFixture]
public sealed class MailboxManagementTests
{
    private ImapClient client = null!;
    private string prefix = null!;

    [SetUp]
    public async Task ConnectAsync()
    {
        client = await ClientFactory.ConnectAsync();
        var carol = DovecotInstance.DefaultUsers[2];
        await client.LoginAsync(carol.Name, carol.Password);
        prefix = "mm-" + TestContext.CurrentContext.Test.MethodName + "-" + Guid.NewGuid().ToString("N")[..6];
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                foreach (var subscribed in await client.ListSubscribedMailboxesAsync(prefix + "*"))
                {
                    await client.UnsubscribeMailboxAsync(subscribed.Name);
                }

                // Deepest first; parents that only held children disappear with them.
                var made = await client.ListMailboxesAsync(new MailboxListOptions(prefix, prefix + "/*"));
                foreach (var mailbox in made.Where(m => m.IsSelectable).OrderByDescending(m => m.Name.Length))
                {
                    await client.DeleteMailboxAsync(mailbox.Name);
                }

                Assert.That(await client.ListMailboxesAsync(new MailboxListOptions(prefix + "*")), Is.Empty, "clean-up left mailboxes behind");
            }
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    [Test]
    public void Dovecot_offers_the_extensions_these_tests_expect()
    {
        Assert.That(client.Capabilities, Is.SupersetOf(new[] { "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "CHILDREN" }));
        Assert.That(client.Capabilities, Does.Not.Contain("CREATE-SPECIAL-USE"));
    }

    [TestCase("Entwürfe")]
    [TestCase("日本語")]
    [TestCase("Ünïcödé/子")]
    [TestCase("with space")]
    [TestCase("a \"quoted\" name")]
    [TestCase("back\\slash")]
    [TestCase("100%")]
    [TestCase("star*")]
    [TestCase("R&D")]
    public async Task A_mailbox_is_created_listed_selected_renamed_and_deleted_under_its_exact_name(string leaf)
    {
        string name = $"{prefix}/{leaf}";
        string renamed = $"{prefix}/renamed {leaf}";

        await client.CreateMailboxAsync(name);
        var listed = await client.ListMailboxesAsync(new MailboxListOptions(prefix + "/*"));
        Assert.That(listed.Where(m => m.IsSelectable).Select(m => m.Name), Is.EqualTo(new[] { name }));
        var created = listed.Single(m => m.Name == name);
        Assert.That((created.Delimiter, created.Parent), Is.EqualTo(('/', leaf.Contains('/', StringComparison.Ordinal) ? name[..name.LastIndexOf('/')] : prefix)));

        var selected = await client.SelectAsync(name);
        Assert.That((selected.Name, selected.Count), Is.EqualTo((name, 0u)));
        Assert.That((await client.GetStatusAsync(name, StatusItems.Messages)).Messages, Is.EqualTo(0));

        // Dovecot ends the session when the selected mailbox is deleted: step out of it first.
        await client.ExamineAsync("INBOX");

        await client.RenameMailboxAsync(name, renamed);
        var afterRename = await client.ListMailboxesAsync(new MailboxListOptions(prefix + "/*"));
        Assert.That(afterRename.Where(m => m.IsSelectable).Select(m => m.Name), Is.EqualTo(new[] { renamed }));

        await client.DeleteMailboxAsync(renamed);
        Assert.That((await client.ListMailboxesAsync(new MailboxListOptions(prefix + "/*"))).Where(m => m.IsSelectable), Is.Empty);
    }

    [Test]
    public async Task Wildcards_in_names_are_sent_as_text_while_wildcards_in_patterns_match()
    {
        await client.CreateMailboxAsync($"{prefix}/100%");
        await client.CreateMailboxAsync($"{prefix}/1000");
        await client.CreateMailboxAsync($"{prefix}/1000/deeper");

        var level = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/%"));
        var all = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/*"));

        Assert.That(level.Select(m => m.Name), Is.EquivalentTo(new[] { $"{prefix}/100%", $"{prefix}/1000" }));
        Assert.That(all.Select(m => m.Name), Is.EquivalentTo(new[] { $"{prefix}/100%", $"{prefix}/1000", $"{prefix}/1000/deeper" }));
    }

    [Test]
    public async Task A_nested_hierarchy_reports_children_and_parents_that_are_only_levels()
    {
        await client.CreateMailboxAsync($"{prefix}/a/b/c");

        var listed = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/*") { Return = ListReturnOptions.Children });

        Assert.That(listed.Select(m => (m.Name, m.Attributes)), Is.EqualTo(new[]
        {
            ($"{prefix}/a", MailboxAttributes.NonExistent | MailboxAttributes.NoSelect | MailboxAttributes.HasChildren),
            ($"{prefix}/a/b", MailboxAttributes.NonExistent | MailboxAttributes.NoSelect | MailboxAttributes.HasChildren),
            ($"{prefix}/a/b/c", MailboxAttributes.HasNoChildren),
        }));
        Assert.That((listed[2].Parent, listed[2].LeafName), Is.EqualTo(($"{prefix}/a/b", "c")));

        // Under the extended syntax Dovecot reports the levels that only hold children as \NonExistent (RFC 5258 §3.4),
        // and DELETE refuses them with NONEXISTENT (RFC 5530).
        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.DeleteMailboxAsync($"{prefix}/a"));
        Assert.That((error!.Command, error.Status, error.Code?.Name), Is.EqualTo(("DELETE", ImapStatus.No, "NONEXISTENT")));
    }

    [Test]
    public async Task Refusals_carry_their_response_codes()
    {
        await client.CreateMailboxAsync($"{prefix}/x");

        var exists = Assert.ThrowsAsync<ImapCommandException>(() => client.CreateMailboxAsync($"{prefix}/x"));
        var missing = Assert.ThrowsAsync<ImapCommandException>(() => client.DeleteMailboxAsync($"{prefix}/missing"));
        var renameMissing = Assert.ThrowsAsync<ImapCommandException>(() => client.RenameMailboxAsync($"{prefix}/missing", $"{prefix}/y"));
        var renameOnto = Assert.ThrowsAsync<ImapCommandException>(() => client.RenameMailboxAsync($"{prefix}/x", "INBOX"));
        var inbox = Assert.ThrowsAsync<ImapCommandException>(() => client.DeleteMailboxAsync("INBOX"));

        Assert.That((exists!.Command, exists.Code?.Name), Is.EqualTo(("CREATE", "ALREADYEXISTS")));
        Assert.That((missing!.Command, missing.Code?.Name), Is.EqualTo(("DELETE", "NONEXISTENT")));
        Assert.That((renameMissing!.Command, renameMissing.Code?.Name), Is.EqualTo(("RENAME", "NONEXISTENT")));
        Assert.That((renameOnto!.Command, renameOnto.Status), Is.EqualTo(("RENAME", ImapStatus.No)));
        Assert.That((inbox!.Command, inbox.Status), Is.EqualTo(("DELETE", ImapStatus.No)));
        Assert.That(client.IsConnected, Is.True);
    }

    [Test]
    public async Task Renaming_inbox_is_refused_by_this_dovecot_with_a_typed_error_and_inbox_stays()
    {
        // RFC 9051 §6.3.6 would move INBOX's messages to the new name and leave INBOX empty; Dovecot's maildir says CANNOT.
        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.RenameMailboxAsync("INBOX", $"{prefix}/old inbox"));

        Assert.That((error!.Command, error.Status, error.Code?.Name), Is.EqualTo(("RENAME", ImapStatus.No, "CANNOT")));
        Assert.That((await client.ListMailboxesAsync(new MailboxListOptions("INBOX"))).Single().Name, Is.EqualTo("INBOX"));
    }

    [Test]
    public async Task Create_with_a_special_use_is_not_supported_by_this_dovecot_and_nothing_is_created()
    {
        Assert.That(() => client.CreateMailboxAsync($"{prefix}/Outbox", MailboxAttributes.Sent), Throws.InstanceOf<NotSupportedException>());

        Assert.That(await client.ListMailboxesAsync(new MailboxListOptions(prefix + "*")), Is.Empty);
    }

    [Test]
    public async Task Subscriptions_show_in_lsub_in_list_subscribed_and_as_the_subscribed_return_option()
    {
        await client.CreateMailboxAsync($"{prefix}/on");
        await client.CreateMailboxAsync($"{prefix}/off");
        await client.CreateMailboxAsync($"{prefix}/parent/child");
        await client.SubscribeMailboxAsync($"{prefix}/on");
        await client.SubscribeMailboxAsync($"{prefix}/parent/child");

        var lsub = await client.ListSubscribedMailboxesAsync($"{prefix}/*");
        var selected = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/*") { Selection = ListSelectionOptions.Subscribed });
        var marked = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/*") { Return = ListReturnOptions.Subscribed });
        var recursive = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/%")
        {
            Selection = ListSelectionOptions.Subscribed | ListSelectionOptions.RecursiveMatch,
        });

        string[] subscribed = [$"{prefix}/on", $"{prefix}/parent/child"];
        Assert.That(lsub.Select(m => m.Name), Is.EquivalentTo(subscribed));
        Assert.That(lsub.All(m => m.IsSubscribed), Is.True);
        Assert.That(selected.Select(m => m.Name), Is.EquivalentTo(subscribed));
        Assert.That(selected.All(m => m.IsSubscribed), Is.True);
        Assert.That(marked.Where(m => m.IsSubscribed).Select(m => m.Name), Is.EquivalentTo(subscribed));
        Assert.That(marked.Where(m => !m.IsSubscribed).Select(m => m.Name), Is.EquivalentTo(new[] { $"{prefix}/off", $"{prefix}/parent" }));

        // RECURSIVEMATCH: the unsubscribed parent is reported because a child is subscribed (RFC 5258 §3.5).
        Assert.That(recursive.Select(m => (m.Name, m.IsSubscribed, string.Join(",", m.ChildInfo))), Is.EquivalentTo(new[]
        {
            ($"{prefix}/on", true, ""),
            ($"{prefix}/parent", false, "SUBSCRIBED"),
        }));

        await client.UnsubscribeMailboxAsync($"{prefix}/on");
        Assert.That((await client.ListSubscribedMailboxesAsync($"{prefix}/*")).Select(m => m.Name), Is.EqualTo(new[] { $"{prefix}/parent/child" }));
    }

    [Test]
    public async Task List_status_gives_the_same_numbers_as_pipelined_status_commands()
    {
        string full = $"{prefix}/full";
        await client.CreateMailboxAsync(full);
        await client.CreateMailboxAsync($"{prefix}/empty");
        await client.CreateMailboxAsync($"{prefix}/level/inside");
        await client.AppendAsync(full, "Subject: one\r\n\r\none\r\n"u8.ToArray(), MessageFlag.Seen);
        await client.AppendAsync(full, "Subject: two\r\n\r\ntwo\r\n"u8.ToArray());
        await client.AppendAsync(full, "Subject: three\r\n\r\nthree\r\n"u8.ToArray(), MessageFlag.Deleted);
        var items = StatusItems.Messages | StatusItems.Unseen | StatusItems.UidNext | StatusItems.UidValidity | StatusItems.Size | StatusItems.HighestModSeq;

        var listed = await client.ListMailboxesAsync(new MailboxListOptions($"{prefix}/*") { Status = items });
        var selectable = listed.Where(m => m.IsSelectable).ToList();
        var pipelined = await Task.WhenAll(selectable.Select(m => client.GetStatusAsync(m.Name, items)));

        Assert.That(selectable.Select(m => m.Name), Is.EquivalentTo(new[] { full, $"{prefix}/empty", $"{prefix}/level/inside" }));
        Assert.That(listed.Single(m => m.Name == $"{prefix}/level").Status, Is.Null);
        Assert.That(
            selectable.Select(m => (m.Name, m.Status!.Messages, m.Status.Unseen, m.Status.UidNext, m.Status.UidValidity, m.Status.Size, m.Status.HighestModSeq)),
            Is.EqualTo(pipelined.Select(s => (s.Name, s.Messages, s.Unseen, s.UidNext, s.UidValidity, s.Size, s.HighestModSeq))));
        var fullStatus = selectable.Single(m => m.Name == full).Status!;
        Assert.That((fullStatus.Messages, fullStatus.Unseen, fullStatus.UidNext), Is.EqualTo(((uint?)3, (uint?)2, (uint?)4)));
    }

    [Test]
    public async Task List_status_and_status_of_the_same_mailbox_at_once_each_get_their_own_items()
    {
        string name = $"{prefix}/busy";
        await client.CreateMailboxAsync(name);
        await client.AppendAsync(name, "Subject: one\r\n\r\none\r\n"u8.ToArray());

        for (int round = 0; round < 20; round++)
        {
            var status = client.GetStatusAsync(name, StatusItems.UidNext);
            var list = client.ListMailboxesAsync(new MailboxListOptions(name) { Status = StatusItems.Messages | StatusItems.Unseen });
            var statusAfter = client.GetStatusAsync(name, StatusItems.Messages);

            var own = await status;
            var listed = (await list).Single().Status!;
            var after = await statusAfter;
            Assert.That((own.UidNext, own.Messages), Is.EqualTo(((uint?)2, (uint?)null)));
            Assert.That((listed.Messages, listed.Unseen, listed.UidNext), Is.EqualTo(((uint?)1, (uint?)1, (uint?)null)));
            Assert.That((after.Messages, after.Unseen), Is.EqualTo(((uint?)1, (uint?)null)));
        }
    }

    [Test]
    public async Task Special_mailboxes_are_found_through_the_special_use_selection()
    {
        var found = await client.FindSpecialMailboxesAsync();

        Assert.That(
            new[] { found.Sent, found.Trash, found.Drafts, found.Junk, found.Archive }.Select(m => m?.Name),
            Is.EqualTo(new[] { "Sent", "Trash", "Drafts", "Junk", "Archive" }));
        Assert.That((found.All, found.Flagged), Is.EqualTo(((MailboxInfo?)null, (MailboxInfo?)null)));
        Assert.That(found.Mailboxes.All(m => m.SpecialUses != MailboxAttributes.None), Is.True);
    }
}
