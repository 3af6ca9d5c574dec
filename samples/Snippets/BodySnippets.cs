using Imap;

namespace Snippets;

/// <summary>The code of docs/bodies.md.</summary>
public static class BodySnippets
{
    public static async Task DownloadAsync(SelectedMailbox inbox, Uid uid, string path, CancellationToken cancellationToken)
    {
        #region open-body
        // The whole message, in constant memory: 1 MiB partial fetches, 3 ahead of the reader.
        await using (Stream body = await inbox.OpenBodyAsync(uid, cancellationToken: cancellationToken))
        await using (FileStream file = File.Create(path))
        {
            await body.CopyToAsync(file, cancellationToken);
        }
        #endregion

        #region open-options
        var options = new BodyOpenOptions
        {
            ChunkSize = 256 * 1024,
            ChunksInFlight = 4,
            MarkSeen = true,                                   // BODY[...] for the first chunk: sets \Seen
            Progress = new Progress<long>(n => Console.WriteLine($"{n:N0} bytes")),
        };
        await using Stream header = await inbox.OpenBodyAsync(uid, BodySection.Header, options, cancellationToken);
        #endregion
    }

    public static async Task AttachmentsAsync(SelectedMailbox inbox, Uid uid, CancellationToken cancellationToken)
    {
        #region open-part
        MessageSummary message = (await inbox.FetchListAsync(UidSet.Create(uid), FetchItems.BodyStructure, cancellationToken))[0];
        foreach (SinglePart part in message.Body!.Flatten().OfType<SinglePart>().Where(p => p.FileName is not null))
        {
            // Decoded bytes: the server's BINARY when offered, else base64 / quoted-printable decoded here.
            await using Stream content = await inbox.OpenPartAsync(uid, part, cancellationToken: cancellationToken);
            long size = 0;
            var buffer = new byte[81920];
            for (int n; (n = await content.ReadAsync(buffer, cancellationToken)) > 0;)
                size += n;
            Console.WriteLine($"{part.FileName}: {size:N0} bytes decoded ({part.Encoding} on the server)");
        }
        #endregion
    }

    public static async Task UploadAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        #region append-stream
        await using FileStream file = File.OpenRead(path);
        AppendResult stored = await client.AppendFromStreamAsync("Archive", file, file.Length, new AppendOptions
        {
            Flags = MessageFlag.Seen,
            Progress = new Progress<long>(sent => Console.WriteLine($"{sent:N0} of {file.Length:N0} bytes sent")),
        }, cancellationToken);
        Console.WriteLine($"Stored as UID {stored.Uid}");
        #endregion
    }
}
