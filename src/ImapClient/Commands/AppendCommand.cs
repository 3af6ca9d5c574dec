using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// APPEND (RFC 9051 §6.3.12): adds a message to a mailbox. The message goes as a literal: synchronizing unless
/// LITERAL+ (or LITERAL- for small messages) allows otherwise. Its data is an <see cref="Dispatch.Upload"/> that the
/// dispatcher writes from its source in pieces, so that cancelling inside it finishes the literal with filler and
/// makes the server refuse the command instead of closing the connection. The result holds the UIDVALIDITY and the
/// new UID when the server reports them with APPENDUID (RFC 4315).
/// </summary>
internal sealed class AppendCommand(string mailbox, Upload message, FlagSet flags, DateTimeOffset? internalDate)
    : PendingCommand<AppendResult>
{
    public override Upload? Upload => message;

    public override string Name => "APPEND";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("APPEND"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        if (flags.Count > 0)
        {
            writer.WriteSpace();
            writer.WriteFlagList(flags);
        }

        if (internalDate is { } date)
        {
            writer.WriteSpace();
            writer.WriteDateTime(date);
        }

        writer.WriteSpace();
        writer.WriteUploadHeader(message.Length);
    }

    protected override AppendResult GetResult(TaggedResponse tagged) =>
        tagged.Code is { Kind: ResponseCodeKind.AppendUid, Number: > 0 and <= uint.MaxValue, DestinationSet: { IsBounded: true, IsEmpty: false } set } code
            ? new AppendResult((uint)code.Number, set)
            : new AppendResult(null, null);
}
