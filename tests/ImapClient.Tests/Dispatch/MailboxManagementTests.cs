using System.Text;
using Imap.Commands;

namespace Imap.Tests.Dispatch;

/// <summary>CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE: exact bytes, name encoding, refusals with their codes.</summary>
public sealed class MailboxManagementTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [TestCase("Archive/2026", "CREATE Archive/2026")]
    [TestCase("Entwürfe", "CREATE Entw&APw-rfe")]
    [TestCase("日本語", "CREATE &ZeVnLIqe-")]
    [TestCase("Ünïcödé/子", "CREATE &ANw-n&AO8-c&APY-d&AOk-/&W1A-")]
    [TestCase("R&D", "CREATE R&-D")]
    [TestCase("with space", "CREATE \"with space\"")]
    [TestCase("a \"quoted\" name", "CREATE \"a \\\"quoted\\\" name\"")]
    [TestCase("back\\slash", "CREATE \"back\\\\slash\"")]
    [TestCase("100%", "CREATE \"100%\"")]
    [TestCase("star*", "CREATE \"star*\"")]
    [TestCase("brace{5}", "CREATE \"brace{5}\"")]
    [TestCase("inbox", "CREATE INBOX")]
    public async Task Create_sends_the_name_in_modified_utf7_quoted_when_needed(string name, string expected)
    {
        await using var h = await ClientHarness.ConnectAsync();
        var create = h.Client.CreateMailboxAsync(name);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(expected));
        await h.Server.SendAsync($"{command.Tag} OK Create completed\r\n");
        await create.WaitAsync(Wait);
    }

    [Test]
    public async Task Under_utf8_names_are_sent_as_utf8_quoted_strings()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev2");
        var create = h.Client.CreateMailboxAsync("Ünïcödé/子");

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("CREATE \"Ünïcödé/子\""))));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await create.WaitAsync(Wait);
    }

    [Test]
    public async Task Create_with_special_uses_sends_the_use_parameter_when_create_special_use_is_offered()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ CREATE-SPECIAL-USE");
        var create = h.Client.CreateMailboxAsync("Outbox", MailboxAttributes.Sent | MailboxAttributes.Drafts);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("CREATE Outbox (USE (\\Drafts \\Sent))"));
        await h.Server.SendAsync($"{command.Tag} NO [USEATTR] Only one of those\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => create.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status, error.Code?.Name), Is.EqualTo(("CREATE", ImapStatus.No, "USEATTR")));
    }

    [Test]
    public async Task Create_with_special_uses_is_not_supported_without_create_special_use_and_nothing_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ SPECIAL-USE");

        Assert.That(() => h.Client.CreateMailboxAsync("Outbox", MailboxAttributes.Sent), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => h.Client.CreateMailboxAsync("Outbox", MailboxAttributes.Subscribed), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [TestCase("")]
    [TestCase("nul\0inside")]
    [TestCase("line\r\nbreak")]
    [TestCase("tab\tinside")]
    [TestCase("del\u007F")]
    [TestCase("c1\u0085")]
    [TestCase("line\u2028separator")]
    [TestCase("paragraph\u2029separator")]
    public async Task Names_a_mailbox_cannot_have_are_rejected_before_anything_is_sent(string name)
    {
        await using var h = await ClientHarness.ConnectAsync();

        Assert.That(() => h.Client.CreateMailboxAsync(name), Throws.ArgumentException);
        Assert.That(() => h.Client.RenameMailboxAsync("INBOX", name), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [TestCase("")]
    [TestCase("nul\0inside")]
    public async Task Names_that_cannot_be_sent_at_all_are_rejected_by_every_command(string name)
    {
        await using var h = await ClientHarness.ConnectAsync();

        Assert.That(() => h.Client.DeleteMailboxAsync(name), Throws.ArgumentException);
        Assert.That(() => h.Client.RenameMailboxAsync(name, "new"), Throws.ArgumentException);
        Assert.That(() => h.Client.SubscribeMailboxAsync(name), Throws.ArgumentException);
        Assert.That(() => h.Client.UnsubscribeMailboxAsync(name), Throws.ArgumentException);
        Assert.That(() => h.Client.SelectAsync(name), Throws.ArgumentException);
        Assert.That(() => h.Client.GetStatusAsync(name), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Names_with_an_unpaired_surrogate_are_rejected_by_every_command()
    {
        // Built here rather than in a test case: test runners cannot report a name holding an unpaired surrogate.
        string high = "lone" + (char)0xD800 + "surrogate";
        string low = "lone" + (char)0xDC00;
        await using var h = await ClientHarness.ConnectAsync();

        foreach (string name in new[] { high, low })
        {
            Assert.That(() => h.Client.CreateMailboxAsync(name), Throws.ArgumentException);
            Assert.That(() => h.Client.DeleteMailboxAsync(name), Throws.ArgumentException);
            Assert.That(() => h.Client.RenameMailboxAsync("a", name), Throws.ArgumentException);
            Assert.That(() => h.Client.SubscribeMailboxAsync(name), Throws.ArgumentException);
            Assert.That(() => h.Client.ListMailboxesAsync(new MailboxListOptions(name)), Throws.ArgumentException);
        }

        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Null_names_are_rejected_with_argument_null()
    {
        await using var h = await ClientHarness.ConnectAsync();

        Assert.That(() => h.Client.CreateMailboxAsync(null!), Throws.ArgumentNullException);
        Assert.That(() => h.Client.DeleteMailboxAsync(null!), Throws.ArgumentNullException);
        Assert.That(() => h.Client.RenameMailboxAsync("a", null!), Throws.ArgumentNullException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task An_existing_name_with_a_line_break_is_base64_in_modified_utf7_and_a_literal_under_utf8()
    {
        await using (var h = await ClientHarness.ConnectAsync("IMAP4rev1"))
        {
            var delete = h.Client.DeleteMailboxAsync("old\r\nname");
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("DELETE old&AA0ACg-name"));
            await h.Server.SendAsync($"{command.Tag} NO [NONEXISTENT] No such mailbox\r\n");

            var error = Assert.ThrowsAsync<ImapCommandException>(() => delete.WaitAsync(Wait));
            Assert.That((error!.Command, error.Status, error.Code?.Name), Is.EqualTo(("DELETE", ImapStatus.No, "NONEXISTENT")));
        }

        await using (var h = await ClientHarness.ConnectAsync("IMAP4rev2"))
        {
            // IMAP4rev2 includes LITERAL-: a short literal need not wait for "+". Either way CR LF cannot end the line.
            var delete = h.Client.DeleteMailboxAsync("old\r\nname");
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("DELETE {9+}"));
            Assert.That(Encoding.Latin1.GetString(await h.Server.ReadBytesAsync(11)), Is.EqualTo("old\r\nname\r\n"));
            await h.Server.SendAsync($"{command.Tag} OK\r\n");
            await delete.WaitAsync(Wait);
        }
    }

    [Test]
    public async Task Create_refused_with_alreadyexists_carries_the_code()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var create = h.Client.CreateMailboxAsync("Sent");

        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [ALREADYEXISTS] Mailbox already exists\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => create.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status, error.Code?.Name, error.ResponseText, error.IsTransient),
            Is.EqualTo(("CREATE", ImapStatus.No, "ALREADYEXISTS", "Mailbox already exists", false)));
    }

    [Test]
    public async Task Rename_sends_both_names_and_a_bad_answer_is_a_typed_error()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var rename = h.Client.RenameMailboxAsync("Entwürfe", "Old drafts");

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("RENAME Entw&APw-rfe \"Old drafts\""));
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => rename.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status, error.Code?.Name), Is.EqualTo(("RENAME", ImapStatus.Bad, (string?)null)));
    }

    [Test]
    public async Task Rename_of_inbox_may_expunge_and_other_renames_do_not()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var rename = h.Client.RenameMailboxAsync("inbox", "Inbox 2025");

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("RENAME INBOX \"Inbox 2025\""));
        await h.Server.SendAsync($"{command.Tag} OK Rename completed\r\n");
        await rename.WaitAsync(Wait);

        Assert.That(new RenameCommand("INBOX", "x").Traits, Is.EqualTo(CommandTraits.MayExpunge));
        Assert.That(new RenameCommand("Sent", "x").Traits, Is.EqualTo(CommandTraits.None));
    }

    [Test]
    public async Task Subscribe_and_unsubscribe_are_pipelined_and_each_completes_on_its_own_tag()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var subscribe = h.Client.SubscribeMailboxAsync("Lists/dotnet");
        var unsubscribe = h.Client.UnsubscribeMailboxAsync("Entwürfe");
        var create = h.Client.CreateMailboxAsync("New");

        var commands = new[] { await h.Server.ReadCommandAsync(), await h.Server.ReadCommandAsync(), await h.Server.ReadCommandAsync() };
        Assert.That(commands.Select(c => c.Text), Is.EqualTo(new[] { "SUBSCRIBE Lists/dotnet", "UNSUBSCRIBE Entw&APw-rfe", "CREATE New" }));
        await h.Server.SendAsync(
            $"{commands[2].Tag} OK\r\n" +
            $"{commands[1].Tag} NO Not subscribed\r\n" +
            $"{commands[0].Tag} OK\r\n");

        await subscribe.WaitAsync(Wait);
        await create.WaitAsync(Wait);
        var error = Assert.ThrowsAsync<ImapCommandException>(() => unsubscribe.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("UNSUBSCRIBE", ImapStatus.No)));
    }

    [Test]
    public async Task Cancelled_before_it_is_sent_a_create_is_never_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();
        using var cancel = new CancellationTokenSource();
        var list = h.Client.ListMailboxesAsync();
        var listCommand = await h.Server.ReadCommandAsync();
        var select = h.Client.SelectAsync("INBOX");
        var create = h.Client.CreateMailboxAsync("Never", cancellationToken: cancel.Token);

        // The SELECT (a barrier) waits for the LIST, and the CREATE waits behind it: cancel it while it waits.
        await cancel.CancelAsync();
        Assert.That(() => create.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync($"{listCommand.Tag} OK\r\n");
        var selectCommand = await h.Server.ReadCommandAsync();
        Assert.That(selectCommand.Text, Is.EqualTo("SELECT INBOX"));
        await h.Server.SendAsync($"{selectCommand.Tag} OK [READ-WRITE] done\r\n");
        await list.WaitAsync(Wait);
        await select.WaitAsync(Wait);
        await h.ExpectNothingBeforeNoopAsync();
    }
}
