namespace Imap.Tests.Dispatch;

/// <summary>STORE, COPY, MOVE (and its fallbacks) and EXPUNGE against a scripted server: exact bytes and results.</summary>
public sealed class MessageOperationsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Add_remove_and_set_flags_are_silent_stores_of_the_typed_flags()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var add = inbox.AddFlagsAsync(UidSet.Parse("1:3"), MessageFlag.Seen | MessageFlag.Keyword("$Work"));
        Assert.That((await Answer(h)).Text, Is.EqualTo("UID STORE 1:3 +FLAGS.SILENT (\\Seen $Work)"));
        await add.WaitAsync(Wait);
        var remove = inbox.RemoveFlagsAsync(UidSet.Parse("2"), MessageFlag.Flagged);
        Assert.That((await Answer(h)).Text, Is.EqualTo("UID STORE 2 -FLAGS.SILENT (\\Flagged)"));
        await remove.WaitAsync(Wait);
        var set = inbox.SetFlagsAsync(UidSet.Parse("4"), FlagSet.Empty);
        Assert.That((await Answer(h)).Text, Is.EqualTo("UID STORE 4 FLAGS.SILENT ()"));
        await set.WaitAsync(Wait);
    }

    [Test]
    public async Task A_store_that_returns_flags_gives_them_in_its_result()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var store = inbox.StoreAsync(UidSet.Parse("5:6"), FlagChange.Add(MessageFlag.Answered) with { ReturnNewFlags = true });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID STORE 5:6 +FLAGS (\\Answered)"));
        await h.Server.SendAsync($"* 1 FETCH (FLAGS (\\Answered) UID 5)\r\n* 2 FETCH (UID 6 FLAGS (\\Answered \\Seen))\r\n* 9 FETCH (UID 9 FLAGS ())\r\n{command.Tag} OK\r\n");

        var result = await store.WaitAsync(Wait);
        Assert.That(result.Updated.Select(m => (m.Uid.Value, m.Flags!.ToString())), Is.EqualTo(new[] { (5u, "(\\Answered)"), (6u, "(\\Answered \\Seen)") }));
        Assert.That(result.Modified.IsEmpty, Is.True);
    }

    [Test]
    public async Task Unchangedsince_sends_the_modifier_and_reports_the_modified_uids()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var inbox = await h.SelectInboxAsync();
        var store = inbox.StoreAsync(UidSet.Parse("1:9"), FlagChange.Remove(MessageFlag.Seen) with { UnchangedSince = 320162338 });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID STORE 1:9 (UNCHANGEDSINCE 320162338) -FLAGS.SILENT (\\Seen)"));
        await h.Server.SendAsync($"* 1 FETCH (UID 1 MODSEQ (320162350))\r\n{command.Tag} OK [MODIFIED 7,9] Conditional STORE failed\r\n");

        var result = await store.WaitAsync(Wait);
        Assert.That(result.Modified.ToString(), Is.EqualTo("7,9"));
        Assert.That(result.Updated.Single().ModSeq, Is.EqualTo(320162350));
    }

    [Test]
    public async Task Store_arguments_are_checked_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        Assert.That(() => FlagChange.Add(MessageFlag.Recent), Throws.ArgumentException);
        Assert.That(() => inbox.StoreAsync(UidSet.All, FlagChange.Add(MessageFlag.Seen) with { UnchangedSince = 1 }), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => inbox.AddFlagsAsync(UidSet.Empty, MessageFlag.Seen), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Store_by_sequence_number_waits_for_an_expunge_in_flight()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var expunge = inbox.ExpungeAsync();
        var expungeCommand = await h.Server.ReadCommandAsync();
        Assert.That(expungeCommand.Text, Is.EqualTo("EXPUNGE"));
        var store = inbox.StoreBySequenceAsync(SequenceSet.Parse("3"), FlagChange.Add(MessageFlag.Flagged));
        h.ExpectHeldBack("STORE");

        await h.Server.SendAsync($"* 2 EXPUNGE\r\n* 2 EXPUNGE\r\n{expungeCommand.Tag} OK\r\n");
        var result = await expunge.WaitAsync(Wait);
        Assert.That(result.SequenceNumbers, Is.EqualTo(new[] { 2u, 2u }));
        Assert.That(inbox.Count, Is.EqualTo(8));
        var storeCommand = await h.Server.ReadCommandAsync();
        Assert.That(storeCommand.Text, Is.EqualTo("STORE 3 +FLAGS.SILENT (\\Flagged)"));
        await h.Server.SendAsync($"{storeCommand.Tag} OK\r\n");
        await store.WaitAsync(Wait);
    }

    [Test]
    public async Task Copy_returns_the_uid_map_of_the_tagged_copyuid_and_trycreate_is_typed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var copy = inbox.CopyAsync(UidSet.Parse("4,6:7"), "Archive/2026");

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID COPY 4,6:7 Archive/2026"));
        await h.Server.SendAsync($"{command.Tag} OK [COPYUID 38505 4,6:7 101:103] Done\r\n");
        var map = await copy.WaitAsync(Wait);
        Assert.That((map.DestinationUidValidity, map.ToString()), Is.EqualTo(((uint?)38505, "COPYUID 38505 4,6:7 101:103")));
        Assert.That(map.TryGetDestination(new Uid(6), out var six) ? six.Value : 0, Is.EqualTo(102));

        var missing = inbox.CopyAsync(UidSet.Parse("1"), "Nope");
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{second.Tag} NO [TRYCREATE] No such mailbox\r\n");
        var error = Assert.ThrowsAsync<ImapCommandException>(() => missing.WaitAsync(Wait));
        Assert.That((error!.Command, error.Code?.Kind), Is.EqualTo(("UID COPY", (ResponseCodeKind?)ResponseCodeKind.TryCreate)));
    }

    [Test]
    public async Task Move_takes_the_untagged_copyuid_whose_source_is_its_own_and_the_expunges_update_the_mailbox()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MOVE UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var first = inbox.MoveAsync(UidSet.Parse("1:2"), "A");
        var second = inbox.MoveAsync(UidSet.Parse("5"), "B");
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        Assert.That((a.Text, b.Text), Is.EqualTo(("UID MOVE 1:2 A", "UID MOVE 5 B")));

        await h.Server.SendAsync(
            "* OK [COPYUID 7 5 30] moved\r\n* OK [COPYUID 9 1:2 10:11] moved\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n* 3 EXPUNGE\r\n" +
            $"{a.Tag} OK done\r\n{b.Tag} OK done\r\n");

        var mapA = await first.WaitAsync(Wait);
        var mapB = await second.WaitAsync(Wait);
        Assert.That(mapA.ToString(), Is.EqualTo("COPYUID 9 1:2 10:11"));
        Assert.That(mapB.ToString(), Is.EqualTo("COPYUID 7 5 30"));
        Assert.That(inbox.Count, Is.EqualTo(7));
    }

    [Test]
    public async Task Without_move_the_fallback_copies_then_marks_and_expunges_exactly_those_uids()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var move = inbox.MoveAsync(UidSet.Parse("3:4"), "Archive");

        var copy = await h.Server.ReadCommandAsync();
        Assert.That(copy.Text, Is.EqualTo("UID COPY 3:4 Archive"));
        // The STORE and EXPUNGE wait for the copy's OK: a refused copy sends neither (the test below proves it on the wire).
        h.Server.ExpectNothingUnread();
        await h.Server.SendAsync($"{copy.Tag} OK [COPYUID 5 3:4 50:51] copied\r\n");
        var store = await h.Server.ReadCommandAsync();
        var expunge = await h.Server.ReadCommandAsync();
        Assert.That((store.Text, expunge.Text), Is.EqualTo(("UID STORE 3:4 +FLAGS.SILENT (\\Deleted)", "UID EXPUNGE 3:4")));
        await h.Server.SendAsync($"{store.Tag} OK\r\n* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n{expunge.Tag} OK\r\n");

        Assert.That((await move.WaitAsync(Wait)).ToString(), Is.EqualTo("COPYUID 5 3:4 50:51"));
        Assert.That(inbox.Count, Is.EqualTo(8));
    }

    [Test]
    public async Task A_failed_copy_in_the_fallback_marks_and_removes_nothing()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var move = inbox.MoveAsync(UidSet.Parse("3"), "Full");

        var copy = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{copy.Tag} NO [OVERQUOTA] quota exceeded\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => move.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.OverQuota));
        var noop = inbox.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "no STORE or EXPUNGE was sent");
    }

    [Test]
    public async Task Without_move_and_uidplus_a_move_is_refused_unless_the_caller_accepts_a_plain_expunge()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();

        Assert.That(() => inbox.MoveAsync(UidSet.Parse("3"), "Archive"), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => inbox.ExpungeAsync(UidSet.Parse("3")), Throws.InstanceOf<NotSupportedException>());
        await h.ExpectNothingBeforeNoopAsync();

        var move = inbox.MoveAsync(UidSet.Parse("3"), "Archive", allowExpungingAllDeleted: true);
        var copy = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{copy.Tag} OK\r\n");
        var store = await h.Server.ReadCommandAsync();
        var expunge = await h.Server.ReadCommandAsync();
        Assert.That((store.Text, expunge.Text), Is.EqualTo(("UID STORE 3 +FLAGS.SILENT (\\Deleted)", "EXPUNGE")));
        await h.Server.SendAsync($"{store.Tag} OK\r\n{expunge.Tag} OK\r\n");
        Assert.That((await move.WaitAsync(Wait)).Count, Is.Zero);
    }

    [Test]
    public async Task Uid_expunge_with_qresync_reports_the_vanished_uids()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var inbox = await h.SelectInboxAsync();
        var expunge = inbox.ExpungeAsync(UidSet.Parse("3:5"));

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID EXPUNGE 3:5"));
        await h.Server.SendAsync($"* VANISHED 3,5\r\n{command.Tag} OK\r\n");
        var result = await expunge.WaitAsync(Wait);
        Assert.That((result.Uids.ToString(), result.Count), Is.EqualTo(("3,5", 2u)));
        Assert.That(inbox.Count, Is.EqualTo(8));
    }

    [Test]
    public async Task Copy_and_move_by_sequence_number_name_positions()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MOVE");
        var inbox = await h.SelectInboxAsync();
        var copy = inbox.CopyBySequenceAsync(SequenceSet.Parse("1:2"), "X");
        Assert.That((await Answer(h)).Text, Is.EqualTo("COPY 1:2 X"));
        await copy.WaitAsync(Wait);
        var move = inbox.MoveBySequenceAsync(SequenceSet.Parse("9:*"), "Y");
        Assert.That((await Answer(h)).Text, Is.EqualTo("MOVE 9:* Y"));
        await move.WaitAsync(Wait);
    }

    private static async Task<Support.ClientCommand> Answer(ClientHarness h)
    {
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        return command;
    }
}
