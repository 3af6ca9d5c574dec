namespace Imap.Tests.Dispatch;

/// <summary>What the client does right after login: ENABLE, ID and NAMESPACE in one round trip.</summary>
public sealed class SessionSetupTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string Capabilities = "IMAP4rev1 ENABLE UTF8=ACCEPT CONDSTORE NAMESPACE ID LITERAL+";

    [Test]
    public async Task Enable_id_and_namespace_go_out_together_before_any_answer()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities, clientId: new Dictionary<string, string?> { ["name"] = "ImapClient tests" });
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {Capabilities}] Logged in\r\n");

        // All three arrive without the server having answered any of them, and login does not wait for their answers.
        var enable = await h.Server.ReadCommandAsync();
        var id = await h.Server.ReadCommandAsync();
        var ns = await h.Server.ReadCommandAsync();
        Assert.That(enable.Text, Is.EqualTo("ENABLE UTF8=ACCEPT"), "only what is wanted and offered: IMAP4rev2 is not offered");
        Assert.That(id.Text, Is.EqualTo("ID (\"name\" \"ImapClient tests\")"));
        Assert.That(ns.Text, Is.EqualTo("NAMESPACE"));
        await login.WaitAsync(Wait);
        Assert.That(h.Client.SessionSetup.IsCompleted, Is.False);

        await h.Server.SendAsync(
            $"* ENABLED UTF8=ACCEPT\r\n{enable.Tag} OK enabled\r\n" +
            $"* ID (\"name\" \"Scripted\" \"version\" \"1\")\r\n{id.Tag} OK\r\n" +
            $"* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) NIL\r\n{ns.Tag} OK\r\n");
        await h.Client.SessionSetup.WaitAsync(Wait);

        Assert.That(h.Client.EnabledExtensions, Does.Contain("UTF8=ACCEPT"));
        Assert.That(h.Client.ServerId!["name"], Is.EqualTo("Scripted"));
        Assert.That(h.Client.Namespaces!.Personal.Single().Prefix, Is.EqualTo(string.Empty));
        Assert.That(h.Client.Namespaces.OtherUsers.Single().Prefix, Is.EqualTo("Other Users/"));
    }

    [Test]
    public async Task With_special_use_the_special_mailboxes_are_listed_in_the_same_round_trip()
    {
        const string WithSpecialUse = "IMAP4rev1 ENABLE UTF8=ACCEPT NAMESPACE LIST-EXTENDED SPECIAL-USE LITERAL+";
        await using var h = await ClientHarness.ConnectAsync(WithSpecialUse);
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {WithSpecialUse}] Logged in\r\n");

        var enable = await h.Server.ReadCommandAsync();
        var ns = await h.Server.ReadCommandAsync();
        var list = await h.Server.ReadCommandAsync();
        Assert.That(list.Text, Is.EqualTo("LIST (SPECIAL-USE) \"\" \"*\" RETURN (SPECIAL-USE)"));

        // After ENABLE UTF8=ACCEPT the server sends names in UTF-8: the LIST answer is read that way.
        await h.Server.SendAsync($"* ENABLED UTF8=ACCEPT\r\n{enable.Tag} OK\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n{ns.Tag} OK\r\n");
        await h.Server.SendAsync(System.Text.Encoding.UTF8.GetBytes(
            $"* LIST (\\Sent) \"/\" \"Gesendete Objekte\"\r\n* LIST (\\Trash) \"/\" \"Papierkorb \u00fc\"\r\n{list.Tag} OK\r\n"));
        await login.WaitAsync(Wait);
        await h.Client.SessionSetup.WaitAsync(Wait);

        Assert.That(h.Client.SpecialMailboxes!.Sent!.Name, Is.EqualTo("Gesendete Objekte"));
        Assert.That(h.Client.SpecialMailboxes.Trash!.Name, Is.EqualTo("Papierkorb \u00fc"));
    }

    [Test]
    public async Task A_refused_enable_leaves_the_login_standing()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {Capabilities}] Logged in\r\n");

        var enable = await h.Server.ReadCommandAsync();
        var ns = await h.Server.ReadCommandAsync();
        Assert.That(ns.Text, Is.EqualTo("NAMESPACE"), "no ID when none was configured");
        await h.Server.SendAsync($"{enable.Tag} NO not now\r\n* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL\r\n{ns.Tag} OK\r\n");
        await login.WaitAsync(Wait);
        await h.Client.SessionSetup.WaitAsync(Wait);

        Assert.That(h.Client.IsAuthenticated, Is.True);
        Assert.That(h.Client.EnabledExtensions, Is.Empty);
        Assert.That(h.Client.Namespaces!.Personal.Single().Delimiter, Is.EqualTo('.'));
    }

    [Test]
    public async Task Nothing_is_sent_after_login_when_the_server_offers_none_of_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1 LITERAL+] Logged in\r\n");
        await login.WaitAsync(Wait);

        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.Namespaces, Is.Null);
        Assert.That(h.Client.ServerId, Is.Null);
    }

    [Test]
    public async Task The_first_select_goes_out_before_the_setup_is_answered_and_completes_after_it()
    {
        const string WithSpecialUse = "IMAP4rev1 ENABLE UTF8=ACCEPT NAMESPACE LIST-EXTENDED SPECIAL-USE LITERAL+";
        await using var h = await ClientHarness.ConnectAsync(WithSpecialUse);
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {WithSpecialUse}] Logged in\r\n");
        await login.WaitAsync(Wait);

        var examine = h.Client.ExamineAsync("INBOX");
        var enable = await h.Server.ReadCommandAsync();
        var ns = await h.Server.ReadCommandAsync();
        var list = await h.Server.ReadCommandAsync();
        var select = await h.Server.ReadCommandAsync();
        Assert.That(select.Text, Is.EqualTo("EXAMINE INBOX"), "in the same round trip as the setup, before any answer");

        await h.Server.SendAsync(
            $"* ENABLED UTF8=ACCEPT\r\n{enable.Tag} OK\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n{ns.Tag} OK\r\n" +
            $"* LIST (\\Sent) \"/\" Sent\r\n{list.Tag} OK\r\n" +
            $"* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 4] ok\r\n{select.Tag} OK [READ-ONLY] done\r\n");
        var inbox = await examine.WaitAsync(Wait);

        Assert.That(inbox.Count, Is.EqualTo(3));
        Assert.That(h.Client.SpecialMailboxes!.Sent!.Name, Is.EqualTo("Sent"), "the setup is done when the first command completes");
        Assert.That(h.Client.Namespaces, Is.Not.Null);
    }

    [Test]
    public async Task A_select_of_a_name_the_enable_would_re_encode_waits_for_it_and_goes_out_in_utf8()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {Capabilities}] Logged in\r\n");
        await login.WaitAsync(Wait);

        var select = h.Client.SelectAsync("Entw\u00fcrfe");
        var enable = await h.Server.ReadCommandAsync();
        var ns = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ENABLED UTF8=ACCEPT\r\n{enable.Tag} OK\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n{ns.Tag} OK\r\n");

        // Sent only now, and built again for UTF-8: modified UTF-7 ("Entw&APw-rfe") would name another mailbox.
        var sent = await h.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo(System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("SELECT \"Entw\u00fcrfe\""))), "UTF-8 bytes, shown one char per byte");
        await h.Server.SendAsync($"* 0 EXISTS\r\n* OK [UIDVALIDITY 9] ok\r\n{sent.Tag} OK [READ-WRITE] done\r\n");
        Assert.That((await select.WaitAsync(Wait)).Name, Is.EqualTo("Entw\u00fcrfe"));
    }

    [Test]
    public async Task A_qresync_select_right_after_login_waits_for_the_enable_instead_of_refusing()
    {
        const string WithQResync = "IMAP4rev1 ENABLE CONDSTORE QRESYNC LITERAL+";
        await using var h = await ClientHarness.ConnectAsync(WithQResync, enableExtensions: ["QRESYNC"]);
        var login = h.Client.LoginAsync("alice", "secret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY {WithQResync}] Logged in\r\n");
        await login.WaitAsync(Wait);

        var select = h.Client.SelectAsync("INBOX", new SelectOptions { QResync = new QResyncParameters(7, 100) });
        var enable = await h.Server.ReadCommandAsync();
        Assert.That(enable.Text, Is.EqualTo("ENABLE QRESYNC"));
        Assert.That(select.IsCompleted, Is.False);
        await h.Server.SendAsync($"* ENABLED QRESYNC\r\n{enable.Tag} OK\r\n");

        var sent = await h.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo("SELECT INBOX (QRESYNC (7 100))"));
        await h.Server.SendAsync($"* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [HIGHESTMODSEQ 120] ok\r\n{sent.Tag} OK [READ-WRITE] done\r\n");
        Assert.That((await select.WaitAsync(Wait)).HighestModSeq, Is.EqualTo(120UL));
    }
}
