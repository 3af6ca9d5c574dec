// Backup: downloads a mailbox into a folder of .eml files, one per message, with a progress bar. Resumable by UID: the
// files are FOLDER/UIDVALIDITY/UID.eml, so a second run (or a run after an interruption) downloads only the messages
// that have no file yet; a new UIDVALIDITY (the mailbox was recreated) starts a new subfolder. Each body is streamed
// straight to its file (OpenBodyAsync: partial fetches, constant memory), four messages at a time on one connection,
// written to UID.eml.part and renamed when complete, so a file that exists is always whole.
//
//   dotnet run --project samples/Backup -- FOLDER [MAILBOX]
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using System.Globalization;
using Imap;
using Samples;
using Spectre.Console;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: Backup FOLDER [MAILBOX]");
    return 2;
}

string mailbox = args.Length > 1 ? args[1] : "INBOX";
await using var client = await DemoServer.ConnectAsync();
SelectedMailbox box = await client.ExamineAsync(mailbox);   // read-only: a backup changes nothing, not even \Seen
uint uidValidity = box.UidValidity ?? throw new InvalidOperationException($"{mailbox} has no UIDVALIDITY.");
string folder = Path.Combine(Path.GetFullPath(args[0]), uidValidity.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(folder);

// What is there already: every complete file names its UID. Leftover .part files are from an interrupted run.
var present = new HashSet<uint>();
foreach (string file in Directory.EnumerateFiles(folder, "*.eml"))
{
    if (uint.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out uint uid))
    {
        present.Add(uid);
    }
}

foreach (string partial in Directory.EnumerateFiles(folder, "*.eml.part"))
{
    File.Delete(partial);
}

// What the server has, with sizes for the progress bar; only the missing ones are fetched.
var missing = new List<(Uid Uid, long Size)>();
int onServer = 0;
if (box.Count > 0)
{
    await foreach (MessageSummary message in box.FetchAsync(UidSet.All, FetchItems.Size))
    {
        onServer++;
        if (!present.Contains(message.Uid.Value))
        {
            missing.Add((message.Uid, message.Size ?? 0));
        }
    }
}

long totalBytes = missing.Sum(m => m.Size);
long downloadedBytes = 0;
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
    .StartAsync(async context =>
    {
        var progress = context.AddTask($"{mailbox}: {missing.Count} messages", maxValue: Math.Max(1, totalBytes));
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (message, cancellationToken) =>
        {
            string target = Path.Combine(folder, message.Uid.Value.ToString(CultureInfo.InvariantCulture) + ".eml");
            await using (Stream body = await box.OpenBodyAsync(message.Uid, cancellationToken: cancellationToken))
            await using (FileStream file = File.Create(target + ".part"))
            {
                var buffer = new byte[81920];
                for (int n; (n = await body.ReadAsync(buffer, cancellationToken)) > 0;)
                {
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    progress.Increment(n);
                    Interlocked.Add(ref downloadedBytes, n);
                }
            }

            File.Move(target + ".part", target, overwrite: true);
        });
        progress.Value = progress.MaxValue;
    });

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Backup of {mailbox} in {folder}: downloaded {missing.Count} ({downloadedBytes} bytes), {present.Count} already there, {onServer} on the server."));
await client.LogoutAsync();
return 0;
