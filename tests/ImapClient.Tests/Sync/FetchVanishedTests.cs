using Imap.Tests.Dispatch;

namespace Imap.Tests.Sync;

/// <summary>UID FETCH ... (CHANGEDSINCE m VANISHED) (RFC 7162 §3.2.6): the bytes, the vanished UIDs in the result, the typed refusals.</summary>
public sealed class FetchVanishedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Vanished_earlier_during_the_fetch_is_returned_with_the_changed_messages_and_raises_no_event()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC");
        await EnableQResyncAsync(h);
        var inbox = await h.SelectInboxAsync(exists: 10, uidNext: 21);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        var fetch = inbox.FetchChangesAsync(UidSet.Parse("1:20"), new FetchRequest(FetchItems.Flags) { ChangedSince = 300, IncludeVanished = true });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 1:20 (UID FLAGS MODSEQ) (CHANGEDSINCE 300 VANISHED)"));
        await h.Server.SendAsync(
            "* VANISHED (EARLIER) 3:4,12\r\n* 5 FETCH (UID 7 FLAGS (\\Seen) MODSEQ (310))\r\n" +
            $"* VANISHED (EARLIER) 15\r\n{command.Tag} OK done\r\n");

        var result = await fetch.WaitAsync(Wait);
        Assert.That(result.Vanished.ToString(), Is.EqualTo("3:4,12,15"));
        Assert.That(result.Changed.Select(m => (m.Uid.Value, m.ModSeq)), Is.EqualTo(new[] { (7u, (ulong?)310) }));

        // The VANISHED (EARLIER) answers were the fetch's own: the next event is the live expunge, not them.
        await h.Server.SendAsync("* VANISHED 9\r\n");
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.EqualTo(new MessagesVanished(UidSet.Parse("9"), Earlier: false)));
    }

    [Test]
    public async Task Vanished_outside_the_fetched_set_is_left_to_the_events()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC");
        await EnableQResyncAsync(h);
        var inbox = await h.SelectInboxAsync(exists: 10, uidNext: 21);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        var fetch = inbox.FetchChangesAsync(UidSet.Parse("1:5"), new FetchRequest(FetchItems.Flags) { ChangedSince = 300, IncludeVanished = true });

        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* VANISHED (EARLIER) 2\r\n* VANISHED (EARLIER) 5:6\r\n{command.Tag} OK done\r\n");

        var result = await fetch.WaitAsync(Wait);
        Assert.That(result.Vanished.ToString(), Is.EqualTo("2"));
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.EqualTo(new MessagesVanished(UidSet.Parse("5:6"), Earlier: true)));
    }

    [Test]
    public async Task Without_the_modifier_nothing_vanished_is_reported_and_changedsince_alone_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchChangesAsync(UidSet.Parse("1:*"), new FetchRequest(FetchItems.Flags) { ChangedSince = 7 });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 7)"));
        await h.Server.SendAsync($"* 1 FETCH (UID 1 FLAGS () MODSEQ (8))\r\n{command.Tag} OK done\r\n");
        var result = await fetch.WaitAsync(Wait);
        Assert.That((result.Changed.Count, result.Vanished.IsEmpty), Is.EqualTo((1, true)));
    }

    [Test]
    public async Task The_modifier_is_refused_typed_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC");
        var inbox = await h.SelectInboxAsync();
        var vanished = new FetchRequest(FetchItems.Flags) { ChangedSince = 5, IncludeVanished = true };

        Assert.That(() => inbox.FetchChangesAsync(UidSet.All, vanished), Throws.InstanceOf<NotSupportedException>(), "QRESYNC offered but not enabled");
        Assert.That(() => inbox.FetchChangesAsync(UidSet.All, new FetchRequest(FetchItems.Flags) { IncludeVanished = true }), Throws.ArgumentException, "no CHANGEDSINCE");
        Assert.That(() => inbox.FetchAsync(UidSet.All, vanished), Throws.ArgumentException, "a stream cannot return the vanished UIDs");
        Assert.That(() => inbox.FetchBySequenceAsync(SequenceSet.All, vanished), Throws.ArgumentException, "VANISHED is for UID FETCH only");

        // Nothing went on the wire: the next command the server reads is this NOOP.
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task A_live_vanished_lowers_the_count_and_never_below_zero()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ENABLE CONDSTORE QRESYNC");
        await EnableQResyncAsync(h);
        var inbox = await h.SelectInboxAsync(exists: 10, uidNext: 21);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();

        await h.Server.SendAsync("* VANISHED 1:3\r\n");
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(inbox.Count, Is.EqualTo(7u));

        // More UIDs than messages (a server out of step): the count stops at 0 instead of wrapping round.
        await h.Server.SendAsync("* VANISHED 4:4000000000\r\n");
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(inbox.Count, Is.Zero);
    }

    private static async Task EnableQResyncAsync(ClientHarness h)
    {
        var enable = h.Client.EnableAsync(["QRESYNC"]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ENABLED QRESYNC\r\n{command.Tag} OK\r\n");
        await enable.WaitAsync(Wait);
    }
}
