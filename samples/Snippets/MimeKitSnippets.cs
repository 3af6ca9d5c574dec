using Imap;
using MimeKit;

namespace Snippets;

/// <summary>The code of docs/mimekit.md.</summary>
public static class MimeKitSnippets
{
    public static async Task FetchAsync(SelectedMailbox inbox, Uid uid, CancellationToken cancellationToken)
    {
        #region mimekit-fetch
        // Parsed as it arrives (partial fetches of BODY.PEEK[]): \Seen is not set, and no byte[] of the whole message is made.
        using MimeMessage message = await inbox.FetchMimeMessageAsync(uid, cancellationToken: cancellationToken);
        Console.WriteLine($"{message.From}: {message.Subject} ({message.Date:d})");
        Console.WriteLine(message.TextBody);
        foreach (MimePart attachment in message.Attachments.OfType<MimePart>())
        {
            await using FileStream file = File.Create(Path.GetFileName(attachment.FileName ?? "attachment.bin"));
            await attachment.Content!.DecodeToAsync(file, cancellationToken);
        }
        #endregion
    }

    public static async Task HeadersAsync(SelectedMailbox inbox, Uid uid, CancellationToken cancellationToken)
    {
        #region mimekit-headers
        // Only the header section: every field in order, Received and DKIM-Signature included.
        HeaderList headers = await inbox.FetchHeadersAsync(uid, cancellationToken: cancellationToken);
        foreach (Header received in headers.Where(h => h.Id == HeaderId.Received))
            Console.WriteLine(received.Value);
        #endregion
    }

    public static async Task PartAsync(SelectedMailbox inbox, Uid uid, CancellationToken cancellationToken)
    {
        #region mimekit-part
        // One attachment out of a large message: BODYSTRUCTURE first, then only that part's MIME header and content.
        MessageSummary summary = (await inbox.FetchListAsync(UidSet.Create(uid), FetchItems.BodyStructure, cancellationToken))[0];
        SinglePart? pdf = summary.Body?.Flatten().OfType<SinglePart>().FirstOrDefault(p => p.IsMediaType("application", "pdf"));
        if (pdf is not null)
        {
            var entity = (MimePart)await inbox.FetchMimeEntityAsync(uid, pdf, cancellationToken: cancellationToken);
            Console.WriteLine($"{entity.FileName}: {entity.ContentType.MimeType}, {entity.ContentTransferEncoding}");
        }
        #endregion
    }

    public static async Task AppendAsync(ImapClient client, CancellationToken cancellationToken)
    {
        #region mimekit-append
        var draft = new MimeMessage();
        draft.From.Add(new MailboxAddress("Alice", "alice@example.com"));
        draft.To.Add(new MailboxAddress("Bob", "bob@example.com"));
        draft.Subject = "Quarterly report";
        var body = new BodyBuilder { TextBody = "Bob,\nthe report is attached.\n" };
        await body.Attachments.AddAsync("report.pdf", cancellationToken);
        draft.Body = body.ToMessageBody();

        // Written through a stream into the APPEND as it is sent; lines end in CRLF whatever the platform.
        AppendResult stored = await client.AppendAsync("Drafts", draft, new AppendOptions { Flags = MessageFlag.Draft }, cancellationToken: cancellationToken);
        Console.WriteLine($"stored as UID {stored.Uid}");
        #endregion
    }
}
