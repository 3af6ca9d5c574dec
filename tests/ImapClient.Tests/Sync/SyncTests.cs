using Imap.Tests.Dispatch;

namespace Imap.Tests.Sync;

/// <summary>The sync helper against a scripted server: each strategy's bytes, the same answer from each, UIDVALIDITY changes.</summary>
public sealed class SyncTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly MailboxSyncState Saved = new("INBOX", 7, UidSet.Parse("1:10"), 100, 11);

    [Test]
    public async Task Qresync_answers_in_the_select_round_trip()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC ESEARCH");
        await EnableQResyncAsync(h);
        var sync = h.Client.SyncAsync("INBOX", Saved);

        var select = await h.Server.ReadCommandAsync();
        Assert.That(select.Text, Is.EqualTo("SELECT INBOX (QRESYNC (7 100 1:10))"));
        await h.Server.SendAsync(
            "* 9 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [UIDNEXT 13] x\r\n* OK [HIGHESTMODSEQ 150] x\r\n" +
            "* VANISHED (EARLIER) 3,5,12\r\n* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (120))\r\n* 9 FETCH (UID 11 FLAGS () MODSEQ (140))\r\n" +
            $"{select.Tag} OK [READ-WRITE] done\r\n");

        var result = await sync.WaitAsync(Wait);
        AssertChanges(result, SyncStrategy.QResync, flagged: "4");
        Assert.That(result.NextState.HighestModSeq, Is.EqualTo(150));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "nothing else was sent");
    }

    [Test]
    public async Task Qresync_asks_for_new_uids_only_when_the_count_says_the_select_did_not_name_them()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC ESEARCH");
        await EnableQResyncAsync(h);
        var sync = h.Client.SyncAsync("INBOX", Saved);

        var select = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(
            "* 9 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [HIGHESTMODSEQ 150] x\r\n* VANISHED (EARLIER) 3,5\r\n" +
            $"* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (120))\r\n{select.Tag} OK [READ-WRITE] done\r\n");
        var search = await h.Server.ReadCommandAsync();
        Assert.That(search.Text, Is.EqualTo("UID SEARCH RETURN (ALL) UID 11:*"));
        await h.Server.SendAsync($"* ESEARCH (TAG \"{search.Tag}\") UID ALL 11\r\n{search.Tag} OK\r\n");

        AssertChanges(await sync.WaitAsync(Wait), SyncStrategy.QResync, flagged: "4");
    }

    [Test]
    public async Task Condstore_pipelines_the_changed_flags_and_the_uid_list_after_the_select()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE ESEARCH");
        var sync = h.Client.SyncAsync("INBOX", Saved);

        var select = await h.Server.ReadCommandAsync();
        Assert.That(select.Text, Is.EqualTo("SELECT INBOX (CONDSTORE)"));
        await h.Server.SendAsync($"* 9 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [UIDNEXT 12] x\r\n* OK [HIGHESTMODSEQ 150] x\r\n{select.Tag} OK done\r\n");
        var search = await h.Server.ReadCommandAsync();
        var fetch = await h.Server.ReadCommandAsync();
        Assert.That(search.Text, Is.EqualTo("UID SEARCH RETURN (ALL) ALL"));
        Assert.That(fetch.Text, Is.EqualTo("UID FETCH 1:10 (UID FLAGS MODSEQ) (CHANGEDSINCE 100)"));
        await h.Server.SendAsync(
            $"* ESEARCH (TAG \"{search.Tag}\") UID ALL 1:2,4,6:11\r\n{search.Tag} OK\r\n" +
            $"* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (120))\r\n{fetch.Tag} OK\r\n");

        var result = await sync.WaitAsync(Wait);
        AssertChanges(result, SyncStrategy.CondStore, flagged: "4");
        Assert.That(result.NextState.HighestModSeq, Is.EqualTo(150));
    }

    [Test]
    public async Task Plain_imap_compares_the_uid_list_and_reports_the_flags_of_every_known_message()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var sync = h.Client.SyncAsync("INBOX", Saved);

        var select = await h.Server.ReadCommandAsync();
        Assert.That(select.Text, Is.EqualTo("SELECT INBOX"));
        await h.Server.SendAsync($"* 9 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n{select.Tag} OK done\r\n");
        var search = await h.Server.ReadCommandAsync();
        Assert.That(search.Text, Is.EqualTo("UID SEARCH ALL"));
        await h.Server.SendAsync($"* SEARCH 1 2 4 6 7 8 9 10 11\r\n{search.Tag} OK\r\n");
        var fetch = await h.Server.ReadCommandAsync();
        Assert.That(fetch.Text, Is.EqualTo("UID FETCH 1:2,4,6:10 (UID FLAGS)"));
        await h.Server.SendAsync(string.Concat(new[] { 1, 2, 4, 6, 7, 8, 9, 10 }.Select((uid, i) => $"* {i + 1} FETCH (UID {uid} FLAGS ())\r\n")) + $"{fetch.Tag} OK\r\n");

        var result = await sync.WaitAsync(Wait);
        AssertChanges(result, SyncStrategy.Plain, flagged: "1:2,4,6:10");
        Assert.That(result.NextState.HighestModSeq, Is.Null);
    }

    [Test]
    public async Task A_changed_uidvalidity_says_start_over_with_every_message_new()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ESEARCH");
        var sync = h.Client.SyncAsync("INBOX", Saved);

        var select = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* 2 EXISTS\r\n* OK [UIDVALIDITY 8] x\r\n{select.Tag} OK done\r\n");
        var search = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ESEARCH (TAG \"{search.Tag}\") UID ALL 1:2\r\n{search.Tag} OK\r\n");

        var result = await sync.WaitAsync(Wait);
        Assert.That((result.UidValidityChanged, result.NewUids.ToString(), result.Vanished.ToString()), Is.EqualTo((true, "1:2", "1:10")));
        Assert.That((result.NextState.UidValidity, result.NextState.KnownUids.ToString()), Is.EqualTo((8u, "1:2")));
    }

    [Test]
    public async Task Forced_strategies_the_connection_lacks_and_a_state_of_another_mailbox_are_refused()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE QRESYNC");

        Assert.That(() => h.Client.SyncAsync("INBOX", Saved, SyncStrategy.QResync), Throws.InstanceOf<NotSupportedException>(), "not enabled");
        Assert.That(() => h.Client.SyncAsync("Archive", Saved), Throws.ArgumentException);
        await using var plain = await ClientHarness.ConnectAsync("IMAP4rev1");
        Assert.That(() => plain.Client.SyncAsync("INBOX", Saved, SyncStrategy.CondStore), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void The_state_round_trips_through_versioned_json_and_bad_json_is_a_format_error()
    {
        string json = Saved.ToJson();
        Assert.That(json, Is.EqualTo("{\"version\":1,\"mailbox\":\"INBOX\",\"uidValidity\":7,\"highestModSeq\":100,\"uidNext\":11,\"knownUids\":\"1:10\"}"));
        var back = MailboxSyncState.FromJson(json);
        Assert.That((back.Mailbox, back.UidValidity, back.HighestModSeq, back.UidNext, back.KnownUids.ToString()), Is.EqualTo(("INBOX", 7u, (ulong?)100, (uint?)11, "1:10")));

        var empty = new MailboxSyncState("Ünïcode/Ordner", 1, UidSet.Empty, null, null);
        Assert.That(MailboxSyncState.FromJson(empty.ToJson()).KnownUids.IsEmpty, Is.True);
        Assert.That(MailboxSyncState.FromJson(empty.ToJson()).Mailbox, Is.EqualTo("Ünïcode/Ordner"));
        Assert.That(() => MailboxSyncState.FromJson("{\"version\":2}"), Throws.InstanceOf<FormatException>());
        Assert.That(() => MailboxSyncState.FromJson("{\"version\":1,\"mailbox\":\"x\",\"uidValidity\":1,\"knownUids\":\"1:*\"}"), Throws.InstanceOf<FormatException>());
        Assert.That(() => MailboxSyncState.FromJson("not json"), Throws.InstanceOf<FormatException>());

        // docs/sync.md: a 100,000-message mailbox with a few gaps saves in a few hundred bytes.
        var large = new MailboxSyncState("INBOX", 9, UidSet.Parse("1:20000,20005:51000,51002:80000,80010:100020"), 123456789, 100021);
        Assert.That(large.KnownUids.Count, Is.EqualTo(100_006));
        Assert.That(large.ToJson().Length, Is.LessThan(200));
    }

    [Test]
    public void Set_algebra_works_on_ranges()
    {
        var a = UidSet.Parse("1:10,20:30,40");
        var b = UidSet.Parse("5:25,40:50");

        Assert.That(UidSetAlgebra.Except(a, b).ToString(), Is.EqualTo("1:4,26:30"));
        Assert.That(UidSetAlgebra.Intersect(a, b).ToString(), Is.EqualTo("5:10,20:25,40"));
        Assert.That(UidSetAlgebra.Except(b, a).ToString(), Is.EqualTo("11:19,41:50"));
        Assert.That(UidSetAlgebra.Except(a, UidSet.Empty), Is.EqualTo(a));
        Assert.That(UidSetAlgebra.Intersect(a, UidSet.Empty).IsEmpty, Is.True);
        Assert.That(UidSetAlgebra.Except(UidSet.Parse("1:4000000000"), UidSet.Parse("2:3999999999")).ToString(), Is.EqualTo("1,4000000000"));
    }

    /// <summary>The same answer from every strategy: 3 and 5 vanished, 11 is new, and the flags of <paramref name="flagged"/>.</summary>
    private static void AssertChanges(SyncResult result, SyncStrategy strategy, string flagged)
    {
        Assert.That(result.Strategy, Is.EqualTo(strategy));
        Assert.That(result.UidValidityChanged, Is.False);
        Assert.That(result.Vanished.ToString(), Is.EqualTo("3,5"));
        Assert.That(result.NewUids.ToString(), Is.EqualTo("11"));
        Assert.That(UidSet.Create(result.FlagChanges.Select(m => m.Uid)).ToString(), Is.EqualTo(flagged));
        Assert.That(result.NextState.KnownUids.ToString(), Is.EqualTo("1:2,4,6:11"));
        Assert.That(result.NextState.UidValidity, Is.EqualTo(7));
    }

    private static async Task EnableQResyncAsync(ClientHarness h)
    {
        var enable = h.Client.EnableAsync(["QRESYNC"]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ENABLED QRESYNC\r\n{command.Tag} OK\r\n");
        await enable.WaitAsync(Wait);
    }
}
