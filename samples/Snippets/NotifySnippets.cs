using Imap;

namespace Snippets;

/// <summary>The code of docs/notify.md.</summary>
public static class NotifySnippets
{
    public static async Task NotifyAsync(ImapClient client)
    {
        #region notify
        if (client.Capabilities.Contains("NOTIFY"))
        {
            const NotifyEvents messages = NotifyEvents.MessageNew | NotifyEvents.MessageExpunge;
            await client.NotifyAsync(
            [
                new NotifyEventGroup(NotifyFilter.Selected, messages | NotifyEvents.FlagChange)
                {
                    MessageNewFetch = FetchItems.Flags | FetchItems.Envelope,   // new messages arrive with these
                },
                new NotifyEventGroup(NotifyFilter.Personal, messages | NotifyEvents.MailboxName | NotifyEvents.SubscriptionChange),
            ],
            status: true);   // first a STATUS of every watched mailbox
        }
        #endregion
    }

    public static async Task ReadNotificationsAsync(ImapClient client, CancellationToken stop)
    {
        #region notify-events
        await foreach (MailboxEvent change in client.ReadEventsAsync(stop))
        {
            switch (change)
            {
                case MailboxStatusChanged s: Console.WriteLine($"{s.Status.Name}: {s.Status.Messages} messages, {s.Status.Unseen} unseen"); break;
                case MailboxListChanged { IsDeleted: true } l: Console.WriteLine($"{l.Mailbox.Name} is gone"); break;
                case MailboxListChanged l when l.Mailbox.OldName is { } old: Console.WriteLine($"{old} is now {l.Mailbox.Name}"); break;
                case MailboxListChanged l: Console.WriteLine($"{l.Mailbox.Name} is new or changed"); break;
                case MessageFetched m: Console.WriteLine($"new in the selected mailbox: {m.Message.Envelope?.Subject}"); break;
                case NotificationsOverflowed: Console.WriteLine("the server gave up: resynchronise, then NotifyAsync again"); break;
                case EventsDropped: Console.WriteLine("fell behind: resynchronise"); break;
            }
        }
        #endregion
    }
}
