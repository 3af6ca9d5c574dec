// Mirror: keeps a local folder of .eml files in step with a mailbox. The first run downloads every message; later
// runs transfer only what changed (SyncAsync: QRESYNC, CONDSTORE or plain IMAP, whichever the server offers), delete
// the files of vanished messages, and save the state next to the files. Flags are kept in the file names
// (UID_FLAGS.eml, as in "42_S.eml" for a seen message).
//
//   dotnet run --project samples/Mirror -- FOLDER [MAILBOX]
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Imap;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Mirror FOLDER [MAILBOX]");
    return 2;
}

string folder = Path.GetFullPath(args[0]);
string mailbox = args.Length > 1 ? args[1] : "INBOX";
Directory.CreateDirectory(folder);
string stateFile = Path.Combine(folder, ".imap-sync.json");

string host = Environment.GetEnvironmentVariable("IMAP_HOST") ?? "127.0.0.1";
int port = int.Parse(Environment.GetEnvironmentVariable("IMAPS_PORT") ?? "993", CultureInfo.InvariantCulture);
string? certificatePath = Environment.GetEnvironmentVariable("IMAP_CERT");
using X509Certificate2? trusted = certificatePath is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));

await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
{
    Host = host,
    Port = port,
    TrustedCertificate = trusted,
    Credentials = ImapCredentials.Password(Environment.GetEnvironmentVariable("IMAP_USER") ?? "alice", Environment.GetEnvironmentVariable("IMAP_PASSWORD") ?? "alice-secret"),
    EnableExtensions = ["IMAP4rev2", "UTF8=ACCEPT", "QRESYNC"],
});

MailboxSyncState? saved = File.Exists(stateFile) ? MailboxSyncState.FromJson(await File.ReadAllTextAsync(stateFile)) : null;
var changes = await client.SyncAsync(mailbox, saved, readOnly: true);
if (changes.UidValidityChanged)
{
    foreach (string stale in Directory.EnumerateFiles(folder, "*.eml"))
    {
        File.Delete(stale);
    }
}

int deleted = 0;
foreach (var gone in changes.Vanished)
{
    deleted += Remove(folder, gone);
}

int reflagged = 0;
foreach (var changed in changes.FlagChanges)
{
    string? current = Find(folder, changed.Uid);
    string wanted = FileName(folder, changed.Uid, changed.Flags);
    if (current is not null && current != wanted)
    {
        File.Move(current, wanted);
        reflagged++;
    }
}

// New messages: their flags in one streamed fetch, their bodies pipelined, 32 at a time.
var flags = new Dictionary<Uid, FlagSet?>();
await foreach (var added in changes.FetchNewAsync(FetchItems.Flags))
{
    flags[added.Uid] = added.Flags;
}

long bytes = 0;
foreach (var batch in flags.Keys.Chunk(32))
{
    var bodies = await Task.WhenAll(batch.Select(uid => changes.Mailbox.FetchBodyBytesAsync(uid)));
    for (int i = 0; i < batch.Length; i++)
    {
        await File.WriteAllBytesAsync(FileName(folder, batch[i], flags[batch[i]]), bodies[i]);
        bytes += bodies[i].Length;
    }
}

await File.WriteAllTextAsync(stateFile, changes.NextState.ToJson());
Console.WriteLine($"{mailbox} -> {folder} by {changes.Strategy}: downloaded {flags.Count} ({bytes:N0} bytes), deleted {deleted}, reflagged {reflagged}, {changes.NextState.KnownUids.Count} in all");
await client.LogoutAsync();
return 0;

static string FileName(string folder, Uid uid, FlagSet? flags)
{
    string marks = flags is null ? string.Empty
        : (flags.Contains(MessageFlag.Seen) ? "S" : string.Empty) + (flags.Contains(MessageFlag.Answered) ? "R" : string.Empty)
          + (flags.Contains(MessageFlag.Flagged) ? "F" : string.Empty) + (flags.Contains(MessageFlag.Draft) ? "D" : string.Empty);
    return Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{uid.Value}_{marks}.eml"));
}

static string? Find(string folder, Uid uid) =>
    Directory.EnumerateFiles(folder, string.Create(CultureInfo.InvariantCulture, $"{uid.Value}_*.eml")).FirstOrDefault();

static int Remove(string folder, Uid uid)
{
    if (Find(folder, uid) is { } file)
    {
        File.Delete(file);
        return 1;
    }

    return 0;
}
