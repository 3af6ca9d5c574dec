using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// COPY, MOVE and their UID forms (RFC 9051 §6.4.7, §6.4.8, §6.4.9; RFC 6851). The result maps source UIDs to
/// destination UIDs from COPYUID (RFC 4315): in the tagged OK for COPY; for MOVE in untagged OK responses before the
/// expunges, which are recognised as this command's by their source UIDs lying in its set. The expunges themselves
/// update the mailbox as any expunge does.
/// </summary>
internal sealed class CopyCommand : PendingCommand<UidMap>
{
    private readonly MailboxSelection mailbox;
    private readonly UidSet? uids;
    private readonly SequenceSet? numbers;
    private readonly string destination;
    private readonly bool move;
    private readonly List<ResponseCode> codes = [];

    public CopyCommand(MailboxSelection mailbox, UidSet uids, string destination, bool move)
    {
        this.mailbox = mailbox;
        this.uids = uids;
        this.destination = destination;
        this.move = move;
    }

    public CopyCommand(MailboxSelection mailbox, SequenceSet numbers, string destination, bool move)
    {
        this.mailbox = mailbox;
        this.numbers = numbers;
        this.destination = destination;
        this.move = move;
    }

    public override string Name => (uids is null ? string.Empty : "UID ") + (move ? "MOVE" : "COPY");

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected
        | (move ? CommandTraits.MayExpunge : CommandTraits.None)
        | (numbers is null ? CommandTraits.None : CommandTraits.UsesSequenceNumbers);

    public override UidSet? Uids => uids;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        MessageSetSyntax.WriteCommand(writer, move ? "MOVE"u8 : "COPY"u8, uids, numbers);

        writer.WriteSpace();
        writer.WriteMailbox(destination);
    }

    public override bool TryClaim(ImapResponse response)
    {
        // A MOVE by sequence number runs beside no other MOVE (both may expunge; one names sequence numbers), so
        // every COPYUID while it runs is its own.
        if (!move || response is not StatusResponse { Status: ResponseStatus.Ok, Code: { Kind: ResponseCodeKind.CopyUid, SourceSet: { } source } code }
            || (uids is not null && !IsSubset(source, uids)))
        {
            return false;
        }

        codes.Add(code);
        return true;
    }

    protected override UidMap GetResult(TaggedResponse tagged)
    {
        if (tagged.Code is { Kind: ResponseCodeKind.CopyUid } code)
        {
            codes.Add(code);
        }

        return UidMap.FromCodes(codes);
    }

    /// <summary>Whether every UID of <paramref name="inner"/> is in <paramref name="outer"/> (an open range reaches to *).</summary>
    private static bool IsSubset(UidSet inner, UidSet outer)
    {
        if (!inner.IsBounded)
        {
            return false;
        }

        var ranges = outer.Numbers.Ranges.ToArray();
        foreach (var range in inner.Numbers.Ranges)
        {
            if (!Array.Exists(ranges, o => o.Start <= range.Start && range.End <= o.End))
            {
                return false;
            }
        }

        return true;
    }
}
