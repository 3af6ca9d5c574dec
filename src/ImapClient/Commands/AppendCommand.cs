using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// APPEND (RFC 9051 §6.3.12): adds a message to a mailbox. The message goes as a literal: synchronizing unless
/// LITERAL+ (or LITERAL- for small messages) allows otherwise. The result is the new UID when the server reports it
/// with APPENDUID (RFC 4315).
/// </summary>
internal sealed class AppendCommand(string mailbox, ReadOnlyMemory<byte> message, IReadOnlyList<string> flags, DateTimeOffset? internalDate)
    : PendingCommand<Uid?>
{
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
        writer.WriteLiteral(message.Span);
    }

    protected override Uid? GetResult(TaggedResponse tagged) =>
        tagged.Code is { Kind: ResponseCodeKind.AppendUid, DestinationSet: { IsBounded: true, Count: 1 } set } ? set.First() : null;
}
