using Imap;

namespace Snippets;

/// <summary>The code of docs/events-and-idle.md.</summary>
public static class EventSnippets
{
    public static async Task WatchAsync(ImapClient client, CancellationToken stop)
    {
        #region idle-watch
        SelectedMailbox inbox = await client.SelectAsync("INBOX", cancellationToken: stop);
        uint knownNext = inbox.UidNext ?? 1;

        // IDLE until stopped; commands issued meanwhile (the fetch below) make it step aside, then it resumes.
        Task idle = client.IdleAsync(stop);

        try
        {
            await foreach (MailboxEvent change in client.ReadEventsAsync(stop))
            {
                switch (change)
                {
                    case MessageCountChanged:
                        // New mail: fetch what arrived since, by UID (sequence numbers shift under expunges).
                        await foreach (MessageSummary m in inbox.FetchAsync(UidSet.From(new Uid(knownNext)), FetchItems.Envelope, stop))
                        {
                            if (m.Uid.Value < knownNext)
                                continue;   // "n:*" always includes the newest message, even one below n
                            Console.WriteLine($"new: {m.Uid} {m.Envelope?.Subject}");
                            knownNext = m.Uid.Value + 1;
                        }

                        break;
                    case MessageFlagsChanged flags:
                        Console.WriteLine($"#{flags.SequenceNumber} (UID {flags.Uid}) now {flags.Flags}");
                        break;
                    case MessageExpunged expunged:
                        Console.WriteLine($"#{expunged.SequenceNumber} expunged");
                        break;
                    case MessagesVanished vanished:
                        Console.WriteLine($"UIDs {vanished.Uids} expunged");
                        break;
                    case ServerAlert alert:
                        Console.WriteLine($"server says: {alert.Text}");
                        break;
                    case EventsDropped dropped:
                        Console.WriteLine($"{dropped.Count} events lost: resynchronise (SyncAsync, or fetch UIDs and flags)");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // `stop` ends the reading and the IDLE alike.
        }

        try
        {
            await idle;   // DONE was sent and the server's OK awaited: the connection is still usable
        }
        catch (OperationCanceledException)
        {
        }
        #endregion
    }

    public static ImapClientOptions Options()
    {
        #region idle-options
        var options = new ImapClientOptions
        {
            Host = "imap.example.com",
            EventCapacity = 4096,                              // events kept for a slow reader before EventsDropped
            IdleRestartInterval = TimeSpan.FromMinutes(25),    // IDLE is re-issued this often (RFC 2177 allows 29)
            IdlePollInterval = TimeSpan.FromSeconds(30),       // NOOP this often where the server lacks IDLE
        };
        #endregion
        return options;
    }
}
