using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>NAMESPACE, ID, ENABLE, QUOTA and METADATA against a scripted server, with exact bytes.</summary>
public sealed class ServerInfoTests
{
    private const string All = "IMAP4rev1 LITERAL+ NAMESPACE ID ENABLE QUOTA METADATA UNSELECT";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    // ---- NAMESPACE ----

    [Test]
    public async Task Namespace_returns_the_three_groups_with_their_extensions()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetNamespacesAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NAMESPACE"));
        await h.Server.SendAsync(
            "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))(\"#news.\" \".\")(\"#flat\" NIL))\r\n" +
            $"{command.Tag} OK Namespace completed.\r\n");

        var ns = await call.WaitAsync(Wait);
        Assert.That(ns.Personal.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("", (char?)'/') }));
        Assert.That(ns.OtherUsers.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("~", (char?)'/') }));
        Assert.That(ns.Shared.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("#shared/", (char?)'/'), ("#news.", '.'), ("#flat", null) }));
        Assert.That(ns.Shared[0].Extensions["x-param"], Is.EqualTo(new[] { "FLAG1", "FLAG2" }));
        Assert.That(ns.Personal[0].Extensions, Is.Empty);
    }

    [Test]
    public async Task Namespace_with_nil_groups_gives_empty_lists()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetNamespacesAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL\r\n{command.Tag} OK\r\n");

        var ns = await call.WaitAsync(Wait);
        Assert.That(ns.Personal.Single().Prefix, Is.EqualTo("INBOX."));
        Assert.That(ns.OtherUsers, Is.Empty);
        Assert.That(ns.Shared, Is.Empty);
    }

    [Test]
    public async Task Without_NAMESPACE_the_personal_namespace_comes_from_list_of_the_empty_name()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var call = h.Client.GetNamespacesAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"\""));
        await h.Server.SendAsync($"* LIST (\\Noselect) \".\" \"\"\r\n{command.Tag} OK\r\n");

        var ns = await call.WaitAsync(Wait);
        Assert.That(ns.Personal.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("", (char?)'.') }));
        Assert.That(ns.OtherUsers, Is.Empty);
        Assert.That(ns.Shared, Is.Empty);
    }

    [Test]
    public async Task Namespace_completed_without_its_response_or_with_a_malformed_one_is_a_protocol_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetNamespacesAsync();
        var command = await h.Server.ReadCommandAsync();
        // The extension's values must be a parenthesised list of strings (RFC 2342 §5).
        await h.Server.SendAsync($"* NAMESPACE ((\"\" \"/\" \"X-PARAM\" FLAG1)) NIL NIL\r\n{command.Tag} OK\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Namespace_refused_fails_with_the_servers_answer()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetNamespacesAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD Not now\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => call.WaitAsync(Wait));
        Assert.That((error!.Command, error.Status), Is.EqualTo(("NAMESPACE", ImapStatus.Bad)));
    }

    // ---- ID ----

    [Test]
    public async Task Id_sends_the_clients_fields_and_returns_the_servers()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.IdentifyAsync(new Dictionary<string, string?> { ["name"] = "ImapClient", ["version"] = "1.0", ["os"] = null });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("ID (\"name\" \"ImapClient\" \"version\" \"1.0\" \"os\" NIL)"));
        await h.Server.SendAsync($"* ID (\"name\" \"Dovecot\" \"NAME\" \"repeat\" \"support-url\" NIL)\r\n{command.Tag} OK ID completed.\r\n");

        var server = await call.WaitAsync(Wait);
        Assert.That(server["Name"], Is.EqualTo("Dovecot"), "names ignore case; a repeated name keeps its first value");
        Assert.That(server.ContainsKey("support-url"), Is.True);
        Assert.That(server["support-url"], Is.Null);
        Assert.That(server, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Id_without_fields_sends_NIL_and_takes_NIL_back()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.IdentifyAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("ID NIL"));
        await h.Server.SendAsync($"* ID NIL\r\n{command.Tag} OK\r\n");

        Assert.That(await call.WaitAsync(Wait), Is.Empty);
    }

    [Test]
    public async Task An_id_value_with_a_line_break_is_sent_as_a_literal()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.IdentifyAsync(new Dictionary<string, string?> { ["x"] = "a\r\nb" });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("ID (\"x\" {4+}"));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("a"));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("b)"));
        await h.Server.SendAsync($"* ID NIL\r\n{command.Tag} OK\r\n");
        await call.WaitAsync(Wait);
    }

    [Test]
    public async Task Id_fields_beyond_the_rfc_limits_are_rejected_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var tooMany = Enumerable.Range(0, 31).ToDictionary(i => "f" + i, i => (string?)"v");
        Assert.That(() => h.Client.IdentifyAsync(tooMany), Throws.ArgumentException);
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { [new string('n', 31)] = "v" }), Throws.ArgumentException);
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { ["n"] = new string('v', 1025) }), Throws.ArgumentException);
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { ["n"] = new string('\u00e9', 513) }), Throws.ArgumentException, "1026 octets in UTF-8");
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { [""] = "v" }), Throws.ArgumentException);
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { ["n"] = "a\0b" }), Throws.ArgumentException);
        Assert.That(() => h.Client.IdentifyAsync(new Dictionary<string, string?> { ["name"] = "a", ["NAME"] = "b" }), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();

        // At the limits exactly, it is sent.
        var limits = Enumerable.Range(0, 30).ToDictionary(i => $"{i:D2}" + new string('n', 28), i => (string?)new string('v', 1024));
        var call = h.Client.IdentifyAsync(limits);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Does.StartWith("ID (\"00nnnnnnnnnnnnnnnnnnnnnnnnnnnn\" \"vvvv"));
        await h.Server.SendAsync($"* ID NIL\r\n{command.Tag} OK\r\n");
        await call.WaitAsync(Wait);
    }

    [Test]
    public async Task Id_is_refused_when_the_server_does_not_offer_it()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        Assert.That(() => h.Client.IdentifyAsync(), Throws.TypeOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Id_completed_without_an_id_response_is_a_protocol_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.IdentifyAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait));
    }

    // ---- ENABLE ----

    [Test]
    public async Task Enable_utf8_accept_switches_names_to_utf8_both_ways()
    {
        await using var h = await ClientHarness.ConnectAsync(All + " UTF8=ACCEPT CONDSTORE");
        var call = h.Client.EnableAsync(["UTF8=ACCEPT", "CONDSTORE", "X-UNKNOWN"]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("ENABLE UTF8=ACCEPT CONDSTORE X-UNKNOWN"));
        await h.Server.SendAsync($"* ENABLED UTF8=ACCEPT CONDSTORE\r\n{command.Tag} OK Enabled.\r\n");

        var enabled = await call.WaitAsync(Wait);
        Assert.That(enabled, Is.EquivalentTo(new[] { "UTF8=ACCEPT", "CONDSTORE" }));
        Assert.That(h.Client.EnabledExtensions.Contains("utf8=accept"), Is.True);
        Assert.That(h.Client.EnabledExtensions.Contains("X-UNKNOWN"), Is.False);

        var status = h.Client.GetStatusAsync("Entwürfe", StatusItems.Messages);
        var statusCommand = await h.Server.ReadCommandAsync();
        Assert.That(statusCommand.Text, Is.EqualTo(Latin1("STATUS \"Entwürfe\" (MESSAGES)")), "UTF-8, not modified UTF-7");
        await h.Server.SendAsync(Encoding.UTF8.GetBytes($"* STATUS \"Entwürfe\" (MESSAGES 7)\r\n{statusCommand.Tag} OK\r\n"));
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(7u));
    }

    [Test]
    public async Task A_command_queued_behind_enable_utf8_accept_goes_out_in_utf8()
    {
        await using var h = await ClientHarness.ConnectAsync(All + " UTF8=ACCEPT");
        var call = h.Client.EnableAsync(["UTF8=ACCEPT"]);
        var command = await h.Server.ReadCommandAsync();

        // Submitted while ENABLE is in flight: built in modified UTF-7 at first, sent after ENABLE in UTF-8.
        var status = h.Client.GetStatusAsync("Entwürfe", StatusItems.Messages);
        h.ExpectHeldBack("STATUS");
        await h.Server.SendAsync($"* ENABLED UTF8=ACCEPT\r\n{command.Tag} OK Enabled.\r\n");
        await call.WaitAsync(Wait);

        var statusCommand = await h.Server.ReadCommandAsync();
        Assert.That(statusCommand.Text, Is.EqualTo(Latin1("STATUS \"Entwürfe\" (MESSAGES)")));
        await h.Server.SendAsync(Encoding.UTF8.GetBytes($"* STATUS \"Entwürfe\" (MESSAGES 3)\r\n{statusCommand.Tag} OK\r\n"));
        Assert.That((await status.WaitAsync(Wait)).Messages, Is.EqualTo(3u), "the answer is matched by the UTF-8 name");
    }

    [Test]
    public async Task Enable_is_a_barrier()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var status = h.Client.GetStatusAsync("INBOX", StatusItems.Messages);
        var statusCommand = await h.Server.ReadCommandAsync();
        var enable = h.Client.EnableAsync(["CONDSTORE"], CancellationToken.None);
        h.ExpectHeldBack("ENABLE");

        await h.Server.SendAsync($"* STATUS INBOX (MESSAGES 1)\r\n{statusCommand.Tag} OK\r\n");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("ENABLE CONDSTORE"));
        var afterEnable = h.Client.GetStatusAsync("INBOX", StatusItems.Messages);
        h.ExpectHeldBack("STATUS");
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        Assert.That(await enable.WaitAsync(Wait), Is.Empty, "nothing was enabled: no ENABLED response");
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("STATUS INBOX (MESSAGES)"));
        await h.Server.SendAsync($"* STATUS INBOX (MESSAGES 1)\r\n{next.Tag} OK\r\n");
        await Task.WhenAll(status, afterEnable).WaitAsync(Wait);
    }

    [Test]
    public async Task Enable_is_refused_without_ENABLE_while_selected_and_for_bad_names()
    {
        await using (var none = await ClientHarness.ConnectAsync("IMAP4rev1"))
        {
            Assert.That(() => none.Client.EnableAsync(["CONDSTORE"]), Throws.TypeOf<NotSupportedException>());
            await none.ExpectNothingBeforeNoopAsync();
        }

        await using var h = await ClientHarness.ConnectAsync(All);
        Assert.That(() => h.Client.EnableAsync([]), Throws.ArgumentException);
        Assert.That(() => h.Client.EnableAsync(["CONDSTORE\r\nA1 LOGOUT"]), Throws.ArgumentException);
        Assert.That(() => h.Client.EnableAsync(["X Y"]), Throws.ArgumentException);
        Assert.That(() => h.Client.EnableAsync([""]), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
        await h.SelectInboxAsync();
        Assert.That(() => h.Client.EnableAsync(["CONDSTORE"]), Throws.InvalidOperationException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Enable_refused_fails_and_enables_nothing()
    {
        await using var h = await ClientHarness.ConnectAsync(All + " UTF8=ACCEPT");
        var call = h.Client.EnableAsync(["UTF8=ACCEPT"]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} BAD Not in this state\r\n");

        Assert.ThrowsAsync<ImapCommandException>(() => call.WaitAsync(Wait));
        Assert.That(h.Client.EnabledExtensions, Is.Empty);
        var status = h.Client.GetStatusAsync("Entwürfe", StatusItems.Messages);
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("STATUS Entw&APw-rfe (MESSAGES)"));
        _ = status;
    }

    // ---- QUOTA ----

    [Test]
    public async Task Quota_root_returns_the_roots_and_their_resources()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaRootAsync("INBOX");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETQUOTAROOT INBOX"));
        await h.Server.SendAsync(
            "* QUOTAROOT inbox \"User quota\" \"\"\r\n" +
            "* QUOTA \"User quota\" (STORAGE 10 512 MESSAGE 2 100 X-CUSTOM 1 5)\r\n" +
            "* QUOTA \"\" (MAILBOX 3 1000)\r\n" +
            $"{command.Tag} OK Getquotaroot completed.\r\n");

        var roots = await call.WaitAsync(Wait);
        Assert.That(roots.Mailbox, Is.EqualTo("INBOX"));
        Assert.That(roots.Roots, Is.EqualTo(new[] { "User quota", "" }));
        Assert.That(roots.Quotas.Select(q => q.Root), Is.EqualTo(new[] { "User quota", "" }));
        var user = roots.Quotas[0];
        Assert.That((user.Storage!.Usage, user.Storage.Limit), Is.EqualTo((10L, 512L)), "STORAGE in KiB as sent");
        Assert.That((user.Message!.Usage, user.Message.Limit), Is.EqualTo((2L, 100L)));
        Assert.That(user.Find("x-custom")!.Limit, Is.EqualTo(5L), "unknown resources are kept by name");
        Assert.That(roots.Quotas[1].Find(QuotaUsage.Mailbox)!.Usage, Is.EqualTo(3L));
        Assert.That(roots.Quotas[1].Storage, Is.Null);
    }

    [Test]
    public async Task Quota_of_a_root_is_matched_by_its_name()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaAsync("");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETQUOTA \"\""));
        await h.Server.SendAsync($"* QUOTA other (STORAGE 1 2)\r\n* QUOTA \"\" (STORAGE 99 1048576)\r\n{command.Tag} OK\r\n");

        var quota = await call.WaitAsync(Wait);
        Assert.That(quota.Root, Is.EqualTo(""));
        Assert.That(quota.Resources.Select(r => (r.Resource, r.Usage, r.Limit)), Is.EqualTo(new[] { ("STORAGE", 99L, 1048576L) }));
    }

    [Test]
    public async Task Quota_values_reach_the_largest_number64_and_counts_pass_32_bits()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaAsync("");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            $"* QUOTA \"\" (STORAGE 9223372036854775806 9223372036854775807 MESSAGE 4294967296 8589934592)\r\n{command.Tag} OK\r\n");

        var quota = await call.WaitAsync(Wait);
        Assert.That((quota.Storage!.Usage, quota.Storage.Limit), Is.EqualTo((long.MaxValue - 1, long.MaxValue)), "KiB, as sent");
        Assert.That((quota.Message!.Usage, quota.Message.Limit), Is.EqualTo((4_294_967_296L, 8_589_934_592L)));
    }

    [TestCase("* QUOTA \"User quota\" (STORAGE ten 512)\r\n")]
    [TestCase("* QUOTA \"User quota\" (STORAGE 1 99999999999999999999999)\r\n")]
    [TestCase("* QUOTA \"User quota\" (STORAGE 9223372036854775808 1)\r\n", Description = "usage one past number64")]
    [TestCase("* QUOTA \"User quota\" (MESSAGE 1 9223372036854775808)\r\n", Description = "limit one past number64")]
    [TestCase("* QUOTA \"User quota\" STORAGE 1 2\r\n")]
    [TestCase("")]
    public async Task Quota_completed_without_a_well_formed_quota_response_is_a_protocol_error(string hostile)
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaAsync("User quota");
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETQUOTA \"User quota\""));
        await h.Server.SendAsync($"{hostile}{command.Tag} OK\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Quota_root_with_a_malformed_quota_fails_rather_than_drop_that_quota_silently()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaRootAsync("Sent");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* QUOTAROOT Sent \"User quota\"\r\n* QUOTA \"User quota\" (STORAGE -1 2)\r\n{command.Tag} OK\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("GETQUOTAROOT completed").And.Contain("QUOTA response"));
        Assert.That(h.Client.IsConnected, Is.True);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Quota_root_without_quotaroot_is_a_protocol_error_and_no_is_a_command_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetQuotaRootAsync("Sent");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* QUOTAROOT Other \"User quota\"\r\n{command.Tag} OK\r\n");
        Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait), "a QUOTAROOT for another mailbox is not this one's");

        var refused = h.Client.GetQuotaRootAsync("Sent");
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{second.Tag} NO [NONEXISTENT] No such mailbox\r\n");
        var error = Assert.ThrowsAsync<ImapCommandException>(() => refused.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("NONEXISTENT"));
    }

    [Test]
    public async Task Quota_commands_are_refused_without_QUOTA()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        Assert.That(() => h.Client.GetQuotaRootAsync("INBOX"), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => h.Client.GetQuotaAsync(""), Throws.TypeOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();
    }

    // ---- METADATA ----

    [Test]
    public async Task Getmetadata_writes_options_before_the_mailbox_and_reports_longentries()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetMetadataAsync("INBOX", ["/private/comment", "/shared/comment"], new MetadataOptions { MaxSize = 1024, Depth = MetadataDepth.Infinity });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETMETADATA (MAXSIZE 1024 DEPTH infinity) INBOX (/private/comment /shared/comment)"));
        await h.Server.SendAsync(
            "* METADATA INBOX (/private/comment \"hello\" /shared/comment NIL)\r\n" +
            "* METADATA INBOX (/private/comment/sub {3}\r\na\r\n)\r\n" +
            $"{command.Tag} OK [METADATA LONGENTRIES 2048] done\r\n");

        var result = await call.WaitAsync(Wait);
        Assert.That(result.Entries.Select(e => (e.Name, e.GetText())), Is.EqualTo(new[]
        {
            ("/private/comment", (string?)"hello"), ("/shared/comment", null), ("/private/comment/sub", "a\r\n"),
        }));
        Assert.That(result.LongEntries, Is.EqualTo(2048L));
        Assert.That(result.Find("/PRIVATE/Comment")!.GetText(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task Getmetadata_sizes_pass_4_gib_and_an_unreadable_longentries_is_a_protocol_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetMetadataAsync("INBOX", ["/private/comment"], new MetadataOptions { MaxSize = 5_000_000_000 });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETMETADATA (MAXSIZE 5000000000) INBOX /private/comment"));
        await h.Server.SendAsync($"{command.Tag} OK [METADATA LONGENTRIES 9223372036854775807] done\r\n");
        Assert.That((await call.WaitAsync(Wait)).LongEntries, Is.EqualTo(long.MaxValue));

        // Entries were left out but their size cannot be read: not a result that looks complete.
        var hostile = h.Client.GetMetadataAsync("INBOX", ["/private/comment"], new MetadataOptions { MaxSize = 10 });
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{second.Tag} OK [METADATA LONGENTRIES 9223372036854775808] done\r\n");
        var error = Assert.ThrowsAsync<ImapProtocolException>(() => hostile.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("LONGENTRIES 9223372036854775808"));
        Assert.That(h.Client.IsConnected, Is.True);

        Assert.That(() => new MetadataOptions { MaxSize = -1 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Getmetadata_of_the_server_names_the_empty_mailbox()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 METADATA-SERVER");
        var call = h.Client.GetMetadataAsync("", ["/shared/admin"], new MetadataOptions { Depth = MetadataDepth.One });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETMETADATA (DEPTH 1) \"\" /shared/admin"));
        await h.Server.SendAsync($"* METADATA \"\" (/shared/admin \"mailto:admin@example.org\")\r\n{command.Tag} OK\r\n");

        var result = await call.WaitAsync(Wait);
        Assert.That(result.Mailbox, Is.EqualTo(""));
        Assert.That(result.Entries.Single().GetText(), Is.EqualTo("mailto:admin@example.org"));
        Assert.That(result.LongEntries, Is.Null);
        Assert.That(() => h.Client.GetMetadataAsync("INBOX", ["/shared/admin"]), Throws.TypeOf<NotSupportedException>(), "METADATA-SERVER covers only the server");
    }

    [Test]
    public async Task A_metadata_value_over_the_maxsize_asked_for_is_a_protocol_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetMetadataAsync("INBOX", ["/private/comment"], new MetadataOptions { MaxSize = 4 });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETMETADATA (MAXSIZE 4) INBOX /private/comment"));
        await h.Server.SendAsync($"* METADATA INBOX (/private/comment {{10}}\r\n0123456789)\r\n{command.Tag} OK\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => call.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("MAXSIZE 4"));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Metadata_for_another_mailbox_is_not_taken()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.GetMetadataAsync("Sent", ["/private/comment"]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* METADATA Trash (/private/comment \"no\")\r\n* METADATA Sent (/private/comment \"yes\")\r\n{command.Tag} OK\r\n");

        Assert.That((await call.WaitAsync(Wait)).Entries.Select(e => e.GetText()), Is.EqualTo(new[] { "yes" }));
    }

    [Test]
    public async Task Setmetadata_sends_text_quoted_nil_and_other_bytes_as_literals()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.SetMetadataAsync("INBOX",
        [
            MetadataEntry.FromText("/private/comment", "say \"hi\""),
            MetadataEntry.FromText("/private/gone", null),
            MetadataEntry.FromText("/shared/multi", "a\r\nb"),
            new MetadataEntry("/shared/bytes", new byte[] { 0xFF, 0x41 }),
        ]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SETMETADATA INBOX (/private/comment \"say \\\"hi\\\"\" /private/gone NIL /shared/multi {4+}"));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("a"));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("b /shared/bytes {2+}"));
        Assert.That(await h.Server.ReadBytesAsync(2), Is.EqualTo(new byte[] { 0xFF, 0x41 }));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo(")"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await call.WaitAsync(Wait);
    }

    [Test]
    public async Task Setmetadata_with_nul_needs_binary_and_then_goes_as_literal8()
    {
        await using (var plain = await ClientHarness.ConnectAsync(All))
        {
            Assert.That(() => plain.Client.SetMetadataAsync("INBOX", [new MetadataEntry("/private/blob", new byte[] { 1, 0, 2 })]), Throws.TypeOf<NotSupportedException>());
            await plain.ExpectNothingBeforeNoopAsync();
        }

        await using var h = await ClientHarness.ConnectAsync(All + " BINARY");
        var call = h.Client.SetMetadataAsync("INBOX", [new MetadataEntry("/private/blob", new byte[] { 1, 0, 2 })]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SETMETADATA INBOX (/private/blob ~{3+}"));
        Assert.That(await h.Server.ReadBytesAsync(3), Is.EqualTo(new byte[] { 1, 0, 2 }));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo(")"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await call.WaitAsync(Wait);
    }

    [TestCase("[METADATA TOOMANY]", MetadataProblem.TooMany, null)]
    [TestCase("[METADATA MAXSIZE 100]", MetadataProblem.MaxSize, 100L)]
    [TestCase("[METADATA MAXSIZE 9223372036854775807]", MetadataProblem.MaxSize, long.MaxValue)]
    [TestCase("[METADATA MAXSIZE 9223372036854775808]", MetadataProblem.MaxSize, null, Description = "past number64: not a size")]
    [TestCase("[METADATA MAXSIZE]", MetadataProblem.MaxSize, null)]
    [TestCase("[METADATA NOPRIVATE]", MetadataProblem.NoPrivate, null)]
    [TestCase("[METADATA X-NEW]", MetadataProblem.Other, null)]
    public async Task Setmetadata_refused_with_a_metadata_code_raises_a_typed_error(string code, MetadataProblem problem, long? maxSize)
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var call = h.Client.SetMetadataAsync("INBOX", [MetadataEntry.FromText("/private/comment", "x")]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SETMETADATA INBOX (/private/comment \"x\")"));
        await h.Server.SendAsync($"{command.Tag} NO {code} refused\r\n");

        var error = Assert.ThrowsAsync<MetadataException>(() => call.WaitAsync(Wait));
        Assert.That((error!.Problem, error.MaxSize, error.ResponseText), Is.EqualTo((problem, maxSize, "refused")));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Metadata_refused_without_a_metadata_code_is_a_command_error()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        var set = h.Client.SetMetadataAsync("INBOX", [MetadataEntry.FromText("/private/comment", "x")]);
        var setCommand = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{setCommand.Tag} BAD Syntax\r\n");
        var setError = Assert.ThrowsAsync<ImapCommandException>(() => set.WaitAsync(Wait));
        Assert.That((setError!.Command, setError.Status), Is.EqualTo(("SETMETADATA", ImapStatus.Bad)));

        var get = h.Client.GetMetadataAsync("Nope", ["/private/comment"]);
        var getCommand = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{getCommand.Tag} NO [NONEXISTENT] No such mailbox\r\n");
        var getError = Assert.ThrowsAsync<ImapCommandException>(() => get.WaitAsync(Wait));
        Assert.That(getError!.Code?.Name, Is.EqualTo("NONEXISTENT"));
    }

    [TestCase("comment")]
    [TestCase("/other/comment")]
    [TestCase("/privatex/comment")]
    [TestCase("/private/")]
    [TestCase("/private//comment")]
    [TestCase("/private/a*")]
    [TestCase("/shared/%")]
    [TestCase("/private/a\r\nA1 LOGOUT")]
    [TestCase("/private/caf\u00e9")]
    public async Task Metadata_entry_names_that_break_rfc_5464_are_rejected_before_anything_is_sent(string name)
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        Assert.That(() => h.Client.GetMetadataAsync("INBOX", [name]), Throws.ArgumentException);
        Assert.That(() => h.Client.SetMetadataAsync("INBOX", [MetadataEntry.FromText(name, "v")]), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task A_bare_prefix_may_be_read_as_a_tree_but_not_set_and_empty_lists_are_refused()
    {
        await using var h = await ClientHarness.ConnectAsync(All);
        Assert.That(() => h.Client.SetMetadataAsync("INBOX", [MetadataEntry.FromText("/private", "v")]), Throws.ArgumentException);
        Assert.That(() => h.Client.SetMetadataAsync("INBOX", []), Throws.ArgumentException);
        Assert.That(() => h.Client.GetMetadataAsync("INBOX", []), Throws.ArgumentException);
        Assert.That(() => h.Client.GetMetadataAsync("INBOX\0", ["/private/x"]), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();

        var call = h.Client.GetMetadataAsync("INBOX", ["/Shared"], new MetadataOptions { Depth = MetadataDepth.Infinity });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("GETMETADATA (DEPTH infinity) INBOX /Shared"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        Assert.That((await call.WaitAsync(Wait)).Entries, Is.Empty);
    }

    [Test]
    public async Task Metadata_commands_are_refused_without_METADATA()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        Assert.That(() => h.Client.GetMetadataAsync("", ["/shared/comment"]), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => h.Client.SetMetadataAsync("", [MetadataEntry.FromText("/shared/comment", "x")]), Throws.TypeOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();
    }

    private static string Latin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
