// QuickStart: connects to the IMAP server named by the environment (scripts/demo.sh starts a private Dovecot and
// sets these) over implicit TLS, trusting the server's self-signed test certificate explicitly, then logs in with the
// strongest mechanism the server offers, lists the mailboxes with their message and unseen counts (one LIST with
// LIST-STATUS, or pipelined STATUS commands where the server lacks it), opens the inbox, lists the newest messages,
// reads one message's attachment through the stream API, decoded, printing its size, searches for the unseen
// messages, marks one read and back, and moves one to a folder and back: nothing it changes stays changed.
//
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Imap;

string host = Environment.GetEnvironmentVariable("IMAP_HOST") ?? "127.0.0.1";
int port = int.Parse(Environment.GetEnvironmentVariable("IMAPS_PORT") ?? "993", CultureInfo.InvariantCulture);
string? certificatePath = Environment.GetEnvironmentVariable("IMAP_CERT");
string user = Environment.GetEnvironmentVariable("IMAP_USER") ?? "alice";
string password = Environment.GetEnvironmentVariable("IMAP_PASSWORD") ?? "alice-secret";

using X509Certificate2? trusted = certificatePath is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));

await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
{
    Host = host,
    Port = port,
    TrustedCertificate = trusted,
});
Console.WriteLine($"Connected to {host}:{port} (encrypted: {client.IsEncrypted})");
Console.WriteLine($"Greeting: {client.Greeting}");
Console.WriteLine($"Capabilities: {string.Join(' ', client.Capabilities.Order(StringComparer.Ordinal))}");

var mechanism = await client.AuthenticateAsync(ImapCredentials.Password(user, password));
Console.WriteLine($"Logged in as {user} with {mechanism}; capabilities now: {client.Capabilities.Count}");
if (client.Namespaces is { } namespaces)
{
    Console.WriteLine($"Personal namespace: {string.Join(", ", namespaces.Personal)}");
}

if (client.SpecialMailboxes is { } special)
{
    Console.WriteLine($"Sent: {special.Sent}, Drafts: {special.Drafts}, Trash: {special.Trash}, Junk: {special.Junk}, Archive: {special.Archive}");
}

// Every mailbox with its counts, in one round trip.
var mailboxes = (await client.ListMailboxesAsync(new MailboxListOptions { Return = ListReturnOptions.SpecialUse, Status = StatusItems.Messages | StatusItems.Unseen }))
    .Where(m => m.IsSelectable)
    .ToList();
Console.WriteLine();
Console.WriteLine($"{"Mailbox",-20} {"Messages",8} {"Unseen",8}  Special use");
foreach (var mailbox in mailboxes)
{
    Console.WriteLine($"{mailbox.Name,-20} {mailbox.Status?.Messages,8} {mailbox.Status?.Unseen,8}  {mailbox.SpecialUse}");
}

Console.WriteLine();

var inbox = await client.SelectAsync("INBOX");
Console.WriteLine($"INBOX: {inbox.Count} messages, UIDVALIDITY {inbox.UidValidity}, UIDNEXT {inbox.UidNext}");

// The newest ten, by sequence number.
await foreach (var message in inbox.FetchBySequenceAsync(inbox.Newest(10), FetchItems.Envelope | FetchItems.Flags | FetchItems.Size))
{
    string from = message.Envelope?.From is { Count: > 0 } senders ? senders[0].ToString() : "(unknown)";
    string seen = message.HasFlag(MessageFlag.Seen) ? " " : "*";
    Console.WriteLine($"{seen} {message.Uid,6} {message.Size,8:N0} B  {from,-40}  {message.Envelope?.Subject}");
}

// The newest message with an attachment: its content read as a decoded stream, in constant memory.
var structures = await inbox.FetchBySequenceAsync(inbox.Newest(100), FetchItems.BodyStructure).ToListAsync();
foreach (var message in Enumerable.Reverse(structures))
{
    if (message.Body?.Flatten().OfType<SinglePart>().FirstOrDefault(p => p.Disposition?.Type.Equals("attachment", StringComparison.OrdinalIgnoreCase) == true) is { } attachment)
    {
        await using var content = await inbox.OpenPartAsync(message.Uid, attachment);
        long size = 0;
        var buffer = new byte[81920];
        for (int n; (n = await content.ReadAsync(buffer)) > 0;)
        {
            size += n;
        }

        Console.WriteLine();
        Console.WriteLine($"Attachment \"{attachment.FileName}\" of UID {message.Uid}: {attachment.Size:N0} bytes as stored ({attachment.Encoding}), {size:N0} bytes decoded");
        break;
    }
}

// Search: the unseen messages, as a compact UID set.
UidSet unseen = await inbox.SearchAsync(SearchQuery.Unseen);
Console.WriteLine();
string uidText = unseen.ToString();
Console.WriteLine($"Unseen: {unseen.Count} messages, UIDs {(uidText.Length > 60 ? uidText[..60] + "..." : uidText)}");

// Flags: mark the first unseen message read, then unread again.
if (!unseen.IsEmpty)
{
    var one = UidSet.Create(unseen.First());
    await inbox.AddFlagsAsync(one, MessageFlag.Seen);
    bool seenNow = (await inbox.FetchListAsync(one, FetchItems.Flags))[0].HasFlag(MessageFlag.Seen);
    await inbox.RemoveFlagsAsync(one, MessageFlag.Seen);
    Console.WriteLine($"Marked {one} read ({seenNow}) and unread again.");
}

// Copy and move: the newest message to a folder and back, following the UID map both ways.
const string Folder = "QuickStart-Demo";
if (inbox.Count > 0)
{
    await client.CreateMailboxAsync(Folder);
    var newest = (await inbox.FetchBySequenceAsync(inbox.Newest(1), FetchItems.None).ToListAsync()).Single().Uid;
    UidMap there = await inbox.MoveAsync(UidSet.Create(newest), Folder);
    Console.WriteLine($"Moved UID {newest} to {Folder}: {there}");
    var folder = await client.SelectAsync(Folder);
    UidMap back = await folder.MoveAsync(UidSet.All, "INBOX");
    Console.WriteLine($"Moved it back to INBOX: {back}");
    await folder.UnselectAsync();
    await client.DeleteMailboxAsync(Folder);
}

await client.LogoutAsync();
Console.WriteLine("Logged out.");
