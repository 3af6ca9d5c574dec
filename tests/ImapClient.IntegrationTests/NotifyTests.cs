using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>NOTIFY (RFC 5465) against Dovecot: one connection watches every personal mailbox while another changes them.</summary>
[TestFixture]
public sealed class NotifyTests
{
    [Test]
    public async Task A_watcher_sees_new_mail_in_another_mailbox_and_a_new_mailbox_as_typed_events()
    {
        await using var watcher = await ClientFactory.LoginAsync();
        await using var other = await ClientFactory.LoginAsync();
        Assert.That(watcher.Capabilities, Does.Contain("NOTIFY"), "Dovecot offers NOTIFY with mailbox list indexes (the default)");
        string id = Guid.NewGuid().ToString("N")[..12];
        string watched = DovecotFixture.Target.Mailbox("Notify-" + id);
        string created = DovecotFixture.Target.Mailbox("NotifyNew-" + id);
        await other.CreateMailboxAsync(watched);

        var seen = new ConcurrentQueue<MailboxEvent>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in watcher.ReadEventsAsync(stop.Token))
            {
                seen.Enqueue(change);
            }
        });

        await watcher.NotifyAsync([new NotifyEventGroup(NotifyFilter.Personal, NotifyEvents.MessageNew | NotifyEvents.MessageExpunge | NotifyEvents.MailboxName)]);
        await other.AppendAsync(watched, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: notify {id}\r\n\r\nbody\r\n")));
        await other.CreateMailboxAsync(created);

        bool Done() =>
            seen.OfType<MailboxStatusChanged>().Any(s => s.Status.Name == watched && s.Status.Messages == 1)
            && seen.OfType<MailboxListChanged>().Any(l => l.Mailbox.Name == created && !l.IsDeleted);
        await WaitAsync(watcher, Done);

        await stop.CancelAsync();
        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Done(), Is.True, "events seen: " + string.Join(", ", seen));

        await watcher.NotifyNoneAsync();
        await other.DeleteMailboxAsync(created);
        await other.DeleteMailboxAsync(watched);
    }

    [Test]
    public async Task New_messages_in_the_selected_mailbox_arrive_with_the_fetch_items_asked_for_and_status_comes_first()
    {
        await using var watcher = await ClientFactory.LoginAsync();
        await using var other = await ClientFactory.LoginAsync();
        string id = Guid.NewGuid().ToString("N")[..12];
        string name = DovecotFixture.Target.Mailbox("NotifySel-" + id);
        string elsewhere = DovecotFixture.Target.Mailbox("NotifyOther-" + id);
        await other.CreateMailboxAsync(name);
        await other.CreateMailboxAsync(elsewhere);
        await watcher.SelectAsync(name);

        var seen = new ConcurrentQueue<MailboxEvent>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in watcher.ReadEventsAsync(stop.Token))
            {
                seen.Enqueue(change);
            }
        });

        const NotifyEvents messages = NotifyEvents.MessageNew | NotifyEvents.MessageExpunge;
        await watcher.NotifyAsync(
            [
                new NotifyEventGroup(NotifyFilter.Selected, messages) { MessageNewFetch = FetchItems.Envelope },
                new NotifyEventGroup(NotifyFilter.Mailboxes(elsewhere), messages),
            ],
            status: true);

        // NOTIFY SET STATUS answers before its completion: the event is published by then; the reading task may lag.
        bool Status() => seen.OfType<MailboxStatusChanged>().Any(s => s.Status.Name == elsewhere && s.Status.Messages == 0);
        await WaitAsync(watcher, Status);
        Assert.That(Status(), Is.True, "events seen: " + string.Join(", ", seen));

        await other.AppendAsync(name, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: selected {id}\r\n\r\nbody\r\n")));
        bool Done() => seen.OfType<MessageFetched>().Any(m => m.Message.Envelope?.Subject == "selected " + id);
        await WaitAsync(watcher, Done);

        await stop.CancelAsync();
        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Done(), Is.True, "events seen: " + string.Join(", ", seen));

        await watcher.NotifyNoneAsync();
        await watcher.Selected!.UnselectAsync();
        await other.DeleteMailboxAsync(name);
        await other.DeleteMailboxAsync(elsewhere);
    }

    /// <summary>The server reports at command boundaries too: NOOP until <paramref name="done"/>, at most about five seconds.</summary>
    private static async Task WaitAsync(ImapClient client, Func<bool> done)
    {
        for (int i = 0; i < 100 && !done(); i++)
        {
            await client.NoopAsync();
            await Task.Delay(50);
        }
    }
}
