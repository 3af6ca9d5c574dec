// Upload: appends every .eml file of a folder to a mailbox, streamed from the file (AppendFromStreamAsync), several at
// once on one connection (pipelined with LITERAL+ where the server offers it). Files whose Message-ID is already in
// the mailbox are skipped (one SEARCH HEADER Message-ID per file, all in flight together), as are files repeating a
// Message-ID seen earlier in the folder, so running it twice uploads nothing the second time. Files without a
// Message-ID are always uploaded.
//
//   dotnet run --project samples/Upload -- FOLDER [MAILBOX]
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using Imap;
using Upload;
using Samples;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Upload FOLDER [MAILBOX]");
    return 2;
}

string mailbox = args.Length > 1 ? args[1] : "INBOX";
string[] files = [.. Directory.EnumerateFiles(args[0], "*.eml").Order(StringComparer.Ordinal)];
await using var client = await DemoServer.ConnectAsync();
if ((await client.ListMailboxesAsync(new MailboxListOptions(mailbox))).Count == 0)
{
    await client.CreateMailboxAsync(mailbox);
}

SelectedMailbox box = await client.ExamineAsync(mailbox);

// Which files are already there: their Message-IDs searched for all at once.
var ids = await Task.WhenAll(files.Select(file => MessageId.ReadAsync(file, CancellationToken.None)));
var found = await Task.WhenAll(ids.Select(id => id is null ? Task.FromResult(UidSet.Empty) : box.SearchAsync(SearchQuery.Header("Message-ID", id))));
var toUpload = new List<string>();
var seenIds = new HashSet<string>(StringComparer.Ordinal);
int skipped = 0;
for (int i = 0; i < files.Length; i++)
{
    if (ids[i] is { } id && (!found[i].IsEmpty || !seenIds.Add(id)))
    {
        Console.WriteLine($"skip {Path.GetFileName(files[i])}: {id} is already in {mailbox}");
        skipped++;
        continue;
    }

    toUpload.Add(files[i]);
}

// The uploads, four in flight at a time; each file is read as it is sent, never loaded whole.
long bytes = 0;
await Parallel.ForEachAsync(toUpload, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (file, cancellationToken) =>
{
    await using FileStream content = File.OpenRead(file);
    AppendResult stored = await client.AppendFromStreamAsync(mailbox, content, content.Length, cancellationToken: cancellationToken);
    Interlocked.Add(ref bytes, content.Length);
    Console.WriteLine($"uploaded {Path.GetFileName(file)} ({content.Length} bytes){(stored.Uid is { } uid ? $" as UID {uid}" : "")}");
});

Console.WriteLine($"Uploaded {toUpload.Count} ({bytes} bytes), skipped {skipped} already in {mailbox}, {files.Length} files in all.");
await client.LogoutAsync();
return 0;
