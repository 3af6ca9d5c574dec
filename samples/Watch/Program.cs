// Watch: a new-mail notifier. Selects a mailbox, waits in IDLE (or polls with NOOP where the server lacks IDLE), and
// prints each change as it is reported: new messages (fetched by UID, with sender and subject), flag changes made
// elsewhere, and expunges. Stops after N changes or S seconds, whichever comes first (both optional; Ctrl+C also
// stops it), ending IDLE politely.
//
//   dotnet run --project samples/Watch -- [MAILBOX] [--events N] [--seconds S]
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using System.Globalization;
using Imap;
using Samples;

string mailbox = "INBOX";
int maxEvents = int.MaxValue;
TimeSpan duration = Timeout.InfiniteTimeSpan;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--events" when i + 1 < args.Length:
            maxEvents = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seconds" when i + 1 < args.Length:
            duration = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case var name when !name.StartsWith("--", StringComparison.Ordinal):
            mailbox = name;
            break;
        default:
            Console.Error.WriteLine("usage: Watch [MAILBOX] [--events N] [--seconds S]");
            return 2;
    }
}

using var stop = new CancellationTokenSource(duration);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var client = await DemoServer.ConnectAsync();
SelectedMailbox box = await client.SelectAsync(mailbox);
uint nextUid = box.UidNext ?? 1;
Console.WriteLine($"Watching {mailbox} ({box.Count} messages, {(client.Capabilities.Contains("IDLE") ? "IDLE" : "polling with NOOP")}); UIDNEXT {nextUid}");

Task idle = client.IdleAsync(stop.Token);
int seen = 0;
try
{
    await foreach (MailboxEvent change in client.ReadEventsAsync(stop.Token))
    {
        switch (change)
        {
            case MessageCountChanged count:
                // The new messages are those at or above the last UIDNEXT; the fetch makes IDLE step aside and resume.
                await foreach (MessageSummary message in box.FetchAsync(UidSet.From(new Uid(nextUid)), FetchItems.Envelope | FetchItems.Flags, stop.Token))
                {
                    if (message.Uid.Value < nextUid)
                    {
                        continue;   // "n:*" always includes the highest message, even below n
                    }

                    nextUid = message.Uid.Value + 1;
                    string from = message.Envelope?.From is { Count: > 0 } senders ? senders[0].ToString() : "(unknown sender)";
                    Console.WriteLine($"new: UID {message.Uid} from {from}: {message.Envelope?.Subject} ({count.Count} messages now)");
                }

                break;
            case MessageFlagsChanged flags:
                Console.WriteLine($"flags: #{flags.SequenceNumber}{(flags.Uid is { } uid ? $" (UID {uid})" : "")} now {flags.Flags}");
                break;
            case MessageExpunged expunged:
                Console.WriteLine($"expunged: #{expunged.SequenceNumber} ({box.Count} messages now)");
                break;
            case MessagesVanished vanished:
                Console.WriteLine($"expunged: UIDs {vanished.Uids}");
                break;
            case ServerAlert alert:
                Console.WriteLine($"alert: {alert.Text}");
                break;
            case EventsDropped dropped:
                Console.WriteLine($"fell behind: {dropped.Count} changes not shown");
                break;
            default:
                continue;   // MailboxFlagsChanged, MalformedResponseSkipped: not counted
        }

        if (++seen >= maxEvents)
        {
            break;
        }
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}

await stop.CancelAsync();
try
{
    await idle;
}
catch (OperationCanceledException)
{
    // IDLE ended with DONE and the server's OK: the connection is still usable.
}

Console.WriteLine($"Stopped after {seen} changes; connected: {client.IsConnected}");
await client.LogoutAsync();
return 0;
