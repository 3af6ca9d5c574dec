// QuickStart: connects to the IMAP server named by the environment (scripts/demo.sh starts a private Dovecot and
// sets these) over implicit TLS, trusting the server's self-signed test certificate explicitly, then logs in, lists
// the mailboxes with their message and unseen counts, opens the inbox and lists the newest messages.
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

await client.LoginAsync(user, password);
Console.WriteLine($"Logged in as {user}; capabilities now: {client.Capabilities.Count}");

// Every mailbox with its counts: the STATUS commands go out together, pipelined on the one connection.
var mailboxes = (await client.ListMailboxesAsync()).Where(m => m.IsSelectable).ToList();
var statuses = await Task.WhenAll(mailboxes.Select(m => client.GetStatusAsync(m.Name, StatusItems.Messages | StatusItems.Unseen)));
Console.WriteLine();
Console.WriteLine($"{"Mailbox",-20} {"Messages",8} {"Unseen",8}  Special use");
for (int i = 0; i < mailboxes.Count; i++)
{
    Console.WriteLine($"{mailboxes[i].Name,-20} {statuses[i].Messages,8} {statuses[i].Unseen,8}  {mailboxes[i].SpecialUse}");
}

Console.WriteLine();

var inbox = await client.ExamineAsync("INBOX");
Console.WriteLine($"INBOX: {inbox.Count} messages, UIDVALIDITY {inbox.UidValidity}, UIDNEXT {inbox.UidNext}");

uint newest = inbox.UidNext is { } next && next > 1 ? next - 1 : 1;
var recent = UidSet.FromRange(new Uid(Math.Max(1, newest - 9)), new Uid(newest));
await foreach (var message in inbox.FetchAsync(recent, FetchItems.Envelope | FetchItems.Flags | FetchItems.Size))
{
    string from = message.Envelope?.From is { Count: > 0 } senders ? senders[0].ToString() : "(unknown)";
    string seen = message.HasFlag("\\Seen") ? " " : "*";
    Console.WriteLine($"{seen} {message.Uid,6} {message.Size,8:N0} B  {from,-40}  {message.Envelope?.Subject}");
}

await client.LogoutAsync();
Console.WriteLine("Logged out.");
