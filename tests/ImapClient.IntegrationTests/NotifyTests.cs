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

        // The server reports at command boundaries too: NOOP until both events are in, within a bound.
        bool Done() =>
            seen.OfType<MailboxStatusChanged>().Any(s => s.Status.Name == watched && s.Status.Messages == 1)
            && seen.OfType<MailboxListChanged>().Any(l => l.Mailbox.Name == created && !l.IsDeleted);
        for (int i = 0; i < 100 && !Done(); i++)
        {
            await watcher.NoopAsync();
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Done(), Is.True, "events seen: " + string.Join(", ", seen));

        await watcher.NotifyNoneAsync();
        await other.DeleteMailboxAsync(created);
        await other.DeleteMailboxAsync(watched);
    }
}
