using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// STORE or UID STORE (RFC 9051 §6.4.6, §6.4.9) with CONDSTORE's UNCHANGEDSINCE (RFC 7162 §3.1.3). The FETCH
/// responses for its messages that carry FLAGS or MODSEQ while it runs are its own: the new flags. The gate keeps it
/// apart from any command reading the same messages' flags (RFC 9051 §5.5).
/// </summary>
internal sealed class StoreCommand : PendingCommand<StoreResult>
{
    private readonly MailboxSelection mailbox;
    private readonly UidSet? uids;
    private readonly SequenceSet? numbers;
    private readonly FlagChange change;
    private readonly List<MessageSummary> updated = [];

    public StoreCommand(MailboxSelection mailbox, UidSet uids, FlagChange change)
    {
        this.mailbox = mailbox;
        this.uids = uids;
        this.change = change;
    }

    public StoreCommand(MailboxSelection mailbox, SequenceSet numbers, FlagChange change)
    {
        this.mailbox = mailbox;
        this.numbers = numbers;
        this.change = change;
    }

    public override string Name => uids is null ? "STORE" : "UID STORE";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected | CommandTraits.WritesFlags
        | (numbers is null ? CommandTraits.None : CommandTraits.UsesSequenceNumbers);

    public override UidSet? Uids => uids;

    public override bool ClaimsFetchData => true;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        MessageSetSyntax.WriteCommand(writer, "STORE"u8, uids, numbers);

        if (change.UnchangedSince is { } modSeq)
        {
            writer.WriteRaw(" (UNCHANGEDSINCE "u8);
            writer.WriteNumber(modSeq);
            writer.WriteRaw(")"u8);
        }

        writer.WriteSpace();
        writer.WriteRaw(change.Action switch
        {
            StoreAction.Add => "+FLAGS"u8,
            StoreAction.Remove => "-FLAGS"u8,
            _ => "FLAGS"u8,
        });
        if (!change.ReturnNewFlags)
        {
            writer.WriteRaw(".SILENT"u8);
        }

        writer.WriteSpace();
        writer.WriteFlagList(change.Flags);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not FetchResponse fetch || (fetch.Flags is null && fetch.ModSeq is null))
        {
            return false;
        }

        bool mine = uids is not null
            ? fetch.Uid is { } uid && (uids.IsSavedResult || uids.Contains(uid))
            : numbers!.IsSavedResult || numbers.Contains(fetch.SequenceNumber, mailbox.Count);
        if (!mine)
        {
            return false;
        }

        // A STORE by sequence number is answered without UIDs unless the server adds them; those go unreported.
        if (!Abandoned && fetch.Uid is { } known)
        {
            updated.Add(new MessageSummary(fetch.SequenceNumber, new Uid(known)) { Flags = fetch.Flags, ModSeq = fetch.ModSeq });
        }

        return true;
    }

    protected override StoreResult GetResult(TaggedResponse tagged) =>
        new(tagged.Code is { Kind: ResponseCodeKind.Modified, SourceSet: { } modified } ? modified : UidSet.Empty, updated);
}
