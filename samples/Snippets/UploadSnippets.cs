using Imap;

namespace Snippets;

/// <summary>Code shown in docs/bodies.md, section "Uploads".</summary>
public static class UploadSnippets
{
    public static async Task LimitAsync(ImapClient client, byte[] message, CancellationToken cancellationToken)
    {
        #region append-limit
        try
        {
            await client.AppendAsync("Archive", message, cancellationToken: cancellationToken);
        }
        catch (ImapMessageTooLargeException e) when (!e.WasSent)
        {
            // APPENDLIMIT said no before a byte was sent; e.Size and e.Limit tell by how much.
            Console.WriteLine($"{e.Size:N0} bytes, the limit is {e.Limit:N0}");
        }
        #endregion
    }

    public static async Task PipeAsync(ImapClient client, Stream gzipped, CancellationToken cancellationToken)
    {
        #region append-buffered
        // A stream whose length is unknown until its end: copied to a temporary file first (deleted afterwards).
        await using var content = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionMode.Decompress);
        AppendResult stored = await client.AppendBufferedAsync("Archive", content, maxLength: 100 * 1024 * 1024,
            cancellationToken: cancellationToken);
        #endregion
        Console.WriteLine(stored);
    }

    public static async Task ManyAsync(ImapClient client, byte[] first, string path, CancellationToken cancellationToken)
    {
        #region append-many
        await using FileStream second = File.OpenRead(path);
        AppendResult stored = await client.AppendManyAsync("Archive",
        [
            new AppendMessage(first) { Flags = MessageFlag.Seen },
            new AppendMessage(second, second.Length) { InternalDate = DateTimeOffset.UtcNow.AddDays(-1) },
        ], cancellationToken: cancellationToken);
        Console.WriteLine($"UIDVALIDITY {stored.UidValidity}, UIDs {stored.Uids}");   // e.g. 1712345678, 41:42
        #endregion
    }

    public static async Task CatenateAsync(ImapClient client, SelectedMailbox inbox, Uid original, CancellationToken cancellationToken)
    {
        #region append-catenate
        // A forward built by the server: new headers, then the original's body, which is never downloaded.
        byte[] headers = "From: me@example.org\r\nTo: you@example.org\r\nSubject: Fwd: report\r\n\r\n"u8.ToArray();
        AppendResult draft = await client.AppendCatenatedAsync("Drafts",
        [
            CatenatePart.Text(headers),
            CatenatePart.Message("INBOX", inbox.UidValidity!.Value, original, section: "TEXT"),
        ], new AppendOptions { Flags = MessageFlag.Draft }, cancellationToken);
        #endregion
        Console.WriteLine(draft);
    }
}
