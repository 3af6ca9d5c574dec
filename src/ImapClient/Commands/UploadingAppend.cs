using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// What the three forms of APPEND share (<see cref="AppendCommand"/>, <see cref="MultiAppendCommand"/>,
/// <see cref="CatenateCommand"/>): their data goes as <see cref="Upload"/>s the dispatcher writes in pieces, a refusal
/// still completes the command (its literals must be finished first), and the result is the APPENDUID or a typed
/// failure (<see cref="AppendOutcome"/>).
/// </summary>
internal abstract class UploadingAppend(string mailbox, long? limit) : PendingCommand<AppendResult>
{
    public override string Name => "APPEND";

    public override CommandTraits Traits => CommandTraits.None;

    protected override bool CompletesOnFailure => true;

    /// <summary>The size a <c>[TOOBIG]</c> refusal is reported with: the largest message sent, or null when unknown.</summary>
    protected abstract long? RefusedSize { get; }

    /// <summary>append-opts (RFC 3502 §6.3.11): SP flag-list when there are flags, SP date-time when there is a date.</summary>
    protected static void WriteMessageOptions(CommandWriter writer, FlagSet flags, DateTimeOffset? internalDate)
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

    /// <summary><c>APPEND SP mailbox</c>.</summary>
    protected void WriteStart(CommandWriter writer)
    {
        writer.WriteAtom("APPEND"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
    }

    protected override AppendResult GetResult(TaggedResponse tagged) => tagged.Status == ResponseStatus.Ok
        ? AppendOutcome.Result(tagged)
        : throw AppendOutcome.Failure(tagged, ToStatus(tagged.Status), Name, mailbox, RefusedSize, limit);
}
