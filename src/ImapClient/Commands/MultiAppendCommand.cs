using Imap.Dispatch;
using Imap.Protocol;

namespace Imap.Commands;

/// <summary>
/// MULTIAPPEND (RFC 3502): several messages added to one mailbox by one APPEND, atomically: the server stores all or
/// none. Each message is an <see cref="Upload"/> written at its place; abandoning the command inside any of them ends
/// it with an argument the grammar forbids (see <see cref="Upload.RefusedAfterMessage"/>), so nothing is stored. The
/// result holds the UIDVALIDITY and the UIDs of all the messages when the server reports them (APPENDUID, RFC 4315).
/// </summary>
internal sealed class MultiAppendCommand : UploadingAppend
{
    private readonly IReadOnlyList<AppendMessage> messages;
    private readonly Upload[] uploads;

    public MultiAppendCommand(string mailbox, IReadOnlyList<AppendMessage> messages, long? limit)
        : base(mailbox, limit)
    {
        this.messages = messages;
        uploads = [.. messages.Select(m => m.CreateUpload())];
    }

    public override IReadOnlyList<Upload>? Uploads => uploads;

    public override void Write(CommandWriter writer)
    {
        WriteStart(writer);
        for (int i = 0; i < messages.Count; i++)
        {
            WriteMessageOptions(writer, messages[i].Flags ?? FlagSet.Empty, messages[i].InternalDate);
            writer.WriteSpace();
            writer.WriteUploadHeader(uploads[i].Length);
        }
    }

    protected override long? RefusedSize => messages.Max(m => m.Length);
}
