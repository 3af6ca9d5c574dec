using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// APPEND (RFC 9051 §6.3.12): adds a message to a mailbox. The message goes as a literal: synchronizing unless
/// LITERAL+ (or LITERAL- for small messages) allows otherwise. Its data is an <see cref="Dispatch.Upload"/> that the
/// dispatcher writes from its source in pieces, so that cancelling inside it finishes the literal with filler and
/// makes the server refuse the command instead of closing the connection. The result holds the UIDVALIDITY and the
/// new UID when the server reports them with APPENDUID (RFC 4315); a <c>[TOOBIG]</c> refusal is
/// <see cref="ImapMessageTooLargeException"/>.
/// </summary>
internal sealed class AppendCommand(string mailbox, Upload message, FlagSet flags, DateTimeOffset? internalDate, ulong? limit)
    : PendingCommand<AppendResult>
{
    private readonly Upload[] uploads = [message];

    public override IReadOnlyList<Upload>? Uploads => uploads;

    public override string Name => "APPEND";

    public override CommandTraits Traits => CommandTraits.None;

    protected override bool CompletesOnFailure => true;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("APPEND"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        WriteMessageOptions(writer, flags, internalDate);
        writer.WriteSpace();
        writer.WriteUploadHeader(message.Length);
    }

    /// <summary>append-opts (RFC 3502 §6.3.11): SP flag-list when there are flags, SP date-time when there is a date.</summary>
    internal static void WriteMessageOptions(CommandWriter writer, FlagSet flags, DateTimeOffset? internalDate)
    {
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
    }

    protected override AppendResult GetResult(TaggedResponse tagged) => tagged.Status == ResponseStatus.Ok
        ? AppendOutcome.Result(tagged)
        : throw AppendOutcome.Failure(tagged, ToStatus(tagged.Status), Name, mailbox, message.Length, limit);
}
