using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// EXPUNGE or UID EXPUNGE (RFC 9051 §6.4.3, §6.4.9; RFC 4315 §2.1). The EXPUNGE and VANISHED responses it causes
/// update the mailbox and are raised as events like any other; the command notes them on the way for its result.
/// </summary>
internal sealed class ExpungeCommand(MailboxSelection mailbox, UidSet? uids) : PendingCommand<ExpungeResult>
{
    private readonly List<uint> sequenceNumbers = [];
    private UidSet vanished = UidSet.Empty;

    public override string Name => uids is null ? "EXPUNGE" : "UID EXPUNGE";

    public override CommandTraits Traits => CommandTraits.RequiresSelected | CommandTraits.MayExpunge;

    public override UidSet? Uids => uids;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        if (uids is not null)
        {
            MessageSetSyntax.WriteCommand(writer, "EXPUNGE"u8, uids, null);
        }
        else
        {
            writer.WriteAtom("EXPUNGE"u8);
        }
    }

    /// <summary>Notes expunges without taking them: they still go to the mailbox's state and its events.</summary>
    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case MessageNumberResponse { Kind: MessageNumberKind.Expunge } expunge:
                sequenceNumbers.Add(expunge.Number);
                break;
            case VanishedResponse { Earlier: false, Uids.IsBounded: true } gone:
                vanished = vanished.Union(gone.Uids);
                break;
        }

        return false;
    }

    protected override ExpungeResult GetResult(TaggedResponse tagged) => new(sequenceNumbers, vanished);
}
