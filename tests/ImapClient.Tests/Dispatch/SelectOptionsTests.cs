namespace Imap.Tests.Dispatch;

/// <summary>SELECT and EXAMINE with options: CONDSTORE, QRESYNC and read-only.</summary>
public sealed class SelectOptionsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Condstore_is_a_select_parameter_and_highestmodseq_is_kept()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var select = h.Client.SelectAsync("INBOX", new SelectOptions { CondStore = true });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SELECT INBOX (CONDSTORE)"));
        await h.Server.SendAsync("* 3 EXISTS\r\n* OK [UIDVALIDITY 9] x\r\n* OK [HIGHESTMODSEQ 715194045007] x\r\n" + $"{command.Tag} OK [READ-WRITE] done\r\n");
        var inbox = await select.WaitAsync(Wait);
        Assert.That((inbox.HighestModSeq, inbox.Count, inbox.IsReadOnly), Is.EqualTo(((ulong?)715194045007, 3u, false)));
    }

    [Test]
    public async Task Highestmodseq_follows_fetch_modseq_and_response_codes_and_never_goes_down()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var select = h.Client.SelectAsync("INBOX", new SelectOptions { CondStore = true });
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 EXISTS\r\n* OK [HIGHESTMODSEQ 100] x\r\n{command.Tag} OK [READ-WRITE] done\r\n");
        var inbox = await select.WaitAsync(Wait);

        var noop = inbox.NoopAsync();
        var first = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (120))\r\n* 1 FETCH (UID 1 FLAGS () MODSEQ (110))\r\n{first.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(inbox.HighestModSeq, Is.EqualTo(120));

        var store = inbox.AddFlagsAsync(UidSet.Parse("3"), MessageFlag.Flagged);
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 3 FETCH (UID 3 MODSEQ (130))\r\n{second.Tag} OK [HIGHESTMODSEQ 131] done\r\n");
        await store.WaitAsync(Wait);
        Assert.That(inbox.HighestModSeq, Is.EqualTo(131), "a FETCH taken by the STORE and the tagged code count too");
    }

    [Test]
    public async Task Read_only_with_condstore_is_examine_with_the_parameter()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var select = h.Client.SelectAsync("Archive", new SelectOptions { ReadOnly = true, CondStore = true });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("EXAMINE Archive (CONDSTORE)"));
        await h.Server.SendAsync($"{command.Tag} OK [READ-ONLY] done\r\n");
        Assert.That((await select.WaitAsync(Wait)).IsReadOnly, Is.True);
    }

    [Test]
    public async Task Qresync_sends_the_saved_state_and_collects_what_vanished_and_changed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC");
        var enable = h.Client.EnableAsync(["QRESYNC"]);
        var enableCommand = await h.Server.ReadCommandAsync();
        Assert.That(enableCommand.Text, Is.EqualTo("ENABLE QRESYNC"));
        await h.Server.SendAsync($"* ENABLED QRESYNC\r\n{enableCommand.Tag} OK\r\n");
        await enable.WaitAsync(Wait);

        var options = new SelectOptions
        {
            QResync = new QResyncParameters(67890007, 20050715194045000)
            {
                KnownUids = UidSet.Parse("41,43:211,214:541"),
                KnownSequenceNumbers = SequenceSet.Parse("1:2"),
                KnownSequenceUids = UidSet.Parse("41,43"),
            },
        };
        var select = h.Client.SelectAsync("INBOX", options);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1:2 41,43)))"));
        await h.Server.SendAsync(
            "* 314 EXISTS\r\n* OK [UIDVALIDITY 67890007] x\r\n* OK [HIGHESTMODSEQ 20050715194045318] x\r\n" +
            "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n" +
            "* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (20050715194045029))\r\n" +
            $"{command.Tag} OK [READ-WRITE] done\r\n");

        var inbox = await select.WaitAsync(Wait);
        Assert.That(inbox.VanishedOnSelect.ToString(), Is.EqualTo("41,43:116,118,120:211,214:540"));
        Assert.That(inbox.ChangedOnSelect.Select(m => (m.Uid.Value, m.ModSeq, m.HasFlag(MessageFlag.Answered))), Is.EqualTo(new[] { (117u, (ulong?)20050715194045029, true) }));
    }

    [Test]
    public async Task Options_the_server_or_the_connection_lacks_fail_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE QRESYNC");
        var qresync = new SelectOptions { QResync = new QResyncParameters(1, 2) };

        Assert.That(() => h.Client.SelectAsync("INBOX", qresync), Throws.InvalidOperationException, "not enabled");
        Assert.That(
            () => h.Client.SelectAsync("INBOX", new SelectOptions { QResync = new QResyncParameters(1, 2) { KnownSequenceNumbers = SequenceSet.Parse("1") } }),
            Throws.ArgumentException);
        await using var plain = await ClientHarness.ConnectAsync("IMAP4rev1");
        Assert.That(() => plain.Client.SelectAsync("INBOX", new SelectOptions { CondStore = true }), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => plain.Client.SelectAsync("INBOX", qresync), Throws.InstanceOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();
        await plain.ExpectNothingBeforeNoopAsync();
    }
}
