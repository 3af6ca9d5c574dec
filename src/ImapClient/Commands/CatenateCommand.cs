using Imap.Dispatch;
using Imap.Protocol;

namespace Imap.Commands;

/// <summary>
/// APPEND with CATENATE (RFC 4469): a message built by the server from text sent with the command and the content of
/// IMAP URLs it already holds: <c>APPEND mailbox [flags] [date] CATENATE (URL "..." TEXT {n} ...)</c>. Each text is an
/// <see cref="Upload"/>; abandoning the command inside one ends it with <see cref="Upload.RefusedAfterCatenateText"/>
/// so that nothing is stored. <c>[BADURL]</c> comes back as the refusal's code, <c>[TOOBIG]</c> as
/// <see cref="ImapMessageTooLargeException"/>.
/// </summary>
internal sealed class CatenateCommand : UploadingAppend
{
    private readonly IReadOnlyList<CatenatePart> parts;
    private readonly FlagSet flags;
    private readonly DateTimeOffset? internalDate;
    private readonly Upload[] uploads;

    public CatenateCommand(string mailbox, IReadOnlyList<CatenatePart> parts, FlagSet flags, DateTimeOffset? internalDate, long? limit)
        : base(mailbox, limit)
    {
        this.parts = parts;
        this.flags = flags;
        this.internalDate = internalDate;
        uploads = [.. parts.Where(p => p.IsText).Select(p => p.CreateUpload())];
    }

    public override IReadOnlyList<Upload>? Uploads => uploads;

    public override void Write(CommandWriter writer)
    {
        WriteStart(writer);
        WriteMessageOptions(writer, flags, internalDate);
        writer.WriteSpace();
        writer.WriteAtom("CATENATE"u8);
        writer.WriteSpace();
        writer.BeginList();
        int text = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteSpace();
            }

            if (parts[i].Url is { } url)
            {
                writer.WriteAtom("URL"u8);
                writer.WriteSpace();
                writer.WriteString(url);
            }
            else
            {
                writer.WriteAtom("TEXT"u8);
                writer.WriteSpace();
                writer.WriteUploadHeader(uploads[text++].Length);
            }
        }

        writer.EndList();
    }

    protected override long? RefusedSize => null;
}
