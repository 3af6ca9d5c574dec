using Imap.Dispatch;
using Imap.Protocol;

namespace Imap.Commands;

/// <summary>
/// APPEND (RFC 9051 §6.3.12): adds a message to a mailbox. The message goes as a literal: synchronizing unless
/// LITERAL+ (or LITERAL- for small messages) allows otherwise. Its data is an <see cref="Dispatch.Upload"/> that the
/// dispatcher writes from its source in pieces, so that cancelling inside it finishes the literal with filler and
/// makes the server refuse the command instead of closing the connection. The result holds the UIDVALIDITY and the
/// new UID when the server reports them with APPENDUID (RFC 4315); a <c>[TOOBIG]</c> refusal is
/// <see cref="ImapMessageTooLargeException"/>.
/// </summary>
internal sealed class AppendCommand(string mailbox, Upload message, FlagSet flags, DateTimeOffset? internalDate, long? limit)
    : UploadingAppend(mailbox, limit)
{
    private readonly Upload[] uploads = [message];

    public override IReadOnlyList<Upload>? Uploads => uploads;

    public override void Write(CommandWriter writer)
    {
        WriteStart(writer);
        WriteMessageOptions(writer, flags, internalDate);
        writer.WriteSpace();
        writer.WriteUploadHeader(message.Length);
    }

    protected override long? RefusedSize => message.Length;
}
