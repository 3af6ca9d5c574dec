using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>Unsolicited events under a consumer that falls behind: bounded, and never lost without saying so.</summary>
public sealed class EventOverflowTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Events_past_the_capacity_are_replaced_by_one_events_dropped_before_any_later_event()
    {
        await using var h = await ClientHarness.ConnectAsync(eventCapacity: 3);
        var inbox = await h.SelectInboxAsync(exists: 10);

        // Six events while nobody reads: three are kept, three dropped.
        await Noop(h, inbox, "* 11 EXISTS\r\n* 12 EXISTS\r\n* 13 EXISTS\r\n* 14 EXISTS\r\n* 15 EXISTS\r\n* 16 EXISTS\r\n");
        Assert.That(inbox.Count, Is.EqualTo(16), "the mailbox itself is always right");

        using var stop = new CancellationTokenSource(Wait);
        var seen = new List<string>();
        await using var reader = h.Client.ReadEventsAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        for (int i = 0; i < 4; i++)
        {
            Assert.That(await reader.MoveNextAsync(), Is.True);
            seen.Add(Describe(reader.Current));
        }

        Assert.That(seen, Is.EqualTo(new[] { "count 11", "count 12", "count 13", "dropped 3" }));

        // Once the gap is reported, new events are kept again.
        await Noop(h, inbox, "* 3 EXPUNGE\r\n");
        Assert.That(await reader.MoveNextAsync(), Is.True);
        Assert.That(Describe(reader.Current), Is.EqualTo("expunged 3"));
    }

    [Test]
    public async Task A_drop_is_reported_even_when_the_connection_ends_right_after()
    {
        await using var h = await ClientHarness.ConnectAsync(eventCapacity: 1);
        var inbox = await h.SelectInboxAsync(exists: 1);
        await Noop(h, inbox, "* 2 EXISTS\r\n* 3 EXISTS\r\n");
        h.Server.DropConnection();

        var all = new List<string>();
        await foreach (var change in h.Client.ReadEventsAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            all.Add(Describe(change));
        }

        Assert.That(all, Is.EqualTo(new[] { "count 2", "dropped 1" }));
    }

    private static async Task Noop(ClientHarness h, SelectedMailbox inbox, string unsolicited)
    {
        var noop = inbox.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(new StringBuilder(unsolicited).Append(command.Tag).Append(" OK\r\n").ToString());
        await noop.WaitAsync(Wait);
    }

    private static string Describe(MailboxEvent change) => change switch
    {
        MessageCountChanged c => $"count {c.Count}",
        EventsDropped d => $"dropped {d.Count}",
        MessageExpunged e => $"expunged {e.SequenceNumber}",
        _ => change.ToString(),
    };
}
