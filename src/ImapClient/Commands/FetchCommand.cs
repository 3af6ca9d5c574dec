using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// FETCH or UID FETCH of summaries (RFC 9051 §6.4.5, §6.4.9). Its FETCH responses are recognised by membership of
/// the UID (or, for FETCH, the sequence number) in its set, each message once, and by carrying the items asked for,
/// so that two fetches in flight together each get exactly their own messages. Results go to the caller as they
/// arrive, through a <see cref="SummaryQueue"/>.
/// </summary>
internal sealed class FetchCommand : PendingCommand<bool>
{
    private readonly MailboxSelection mailbox;
    private readonly UidSet? uids;
    private readonly SequenceSet? numbers;
    private readonly FetchRequest request;
    private readonly FetchItems items;
    private readonly SummaryQueue results;
    private readonly SeenNumbers seen;

    public FetchCommand(MailboxSelection mailbox, UidSet uids, FetchRequest request, SummaryQueue results)
        : this(mailbox, uids, null, request, results)
    {
    }

    public FetchCommand(MailboxSelection mailbox, SequenceSet numbers, FetchRequest request, SummaryQueue results)
        : this(mailbox, null, numbers, request, results)
    {
    }

    private FetchCommand(MailboxSelection mailbox, UidSet? uids, SequenceSet? numbers, FetchRequest request, SummaryQueue results)
    {
        this.mailbox = mailbox;
        this.uids = uids;
        this.numbers = numbers;
        this.request = request;
        this.results = results;
        items = request.EffectiveItems;
        seen = new SeenNumbers(uids?.Numbers ?? numbers?.Numbers);
    }

    /// <summary>How many messages this command recognised as its own (read once it completed).</summary>
    public int Received => seen.Count;

    /// <summary>
    /// With <see cref="FetchRequest.IncludeVanished"/>: the UIDs of this command's set that the server reported as
    /// expunged (VANISHED (EARLIER), RFC 7162 §3.2.6); read once it completed.
    /// </summary>
    public UidSet Vanished { get; private set; } = UidSet.Empty;

    /// <summary>Messages with a smaller number (UID or sequence number) are taken but not delivered: an earlier batch did.</summary>
    public uint DeliverFrom { get; init; }

    public override string Name => uids is null ? "FETCH" : "UID FETCH";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected
        | ((items & FetchItems.Flags) != 0 || request.MarkSeen ? CommandTraits.ReadsFlags : CommandTraits.None)
        | (request.MarkSeen && request.Sections.Count > 0 ? CommandTraits.WritesFlags : CommandTraits.None)
        | (numbers is null ? CommandTraits.None : CommandTraits.UsesSequenceNumbers);

    public override UidSet? Uids => uids;

    public override bool ClaimsFetchData => true;

    public override bool MayOwn(DroppedResponse dropped) =>
        dropped.Name == "FETCH" && (uids is not null ? base.MayOwn(dropped) : dropped.Number is not { } n || numbers!.Contains(n, mailbox.Count));

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        if (uids is not null)
        {
            FetchSyntax.WritePrefix(writer, uids);
        }
        else
        {
            FetchSyntax.WritePrefix(writer, numbers!);
        }

        FetchSyntax.WriteItems(writer, request);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is VanishedResponse vanished)
        {
            return TryClaimVanished(vanished);
        }

        if (response is not FetchResponse { Uid: { } uid } fetch || !IsMine(fetch) || !HasRequestedItems(fetch)
            || !seen.Add(uids is null ? fetch.SequenceNumber : uid))
        {
            return false;
        }

        if (!Abandoned && (uids is null ? fetch.SequenceNumber : uid) >= DeliverFrom)
        {
            results.TryWrite(MessageSummary.From(fetch, uid, request.Sections.Count == 0 ? MessageSummary.NoSections : CollectSections(fetch)));
        }

        return true;
    }

    /// <summary>
    /// A VANISHED (EARLIER) inside this command's UID set answers its VANISHED modifier (RFC 7162 §3.2.6): it is kept
    /// for the caller instead of being raised as an event. Anything else (a plain VANISHED is a live expunge; UIDs
    /// outside the set belong to another command or to nobody) is left to others.
    /// </summary>
    private bool TryClaimVanished(VanishedResponse vanished)
    {
        if (!request.IncludeVanished || uids is null || !vanished.Earlier || !vanished.Uids.IsBounded
            || (!uids.IsSavedResult && !UidSetAlgebra.Except(vanished.Uids, uids).IsEmpty))
        {
            return false;
        }

        Vanished = Vanished.Union(vanished.Uids);
        return true;
    }

    protected override void OnFinished(Exception? error) => results.Complete(error);

    protected override bool GetResult(TaggedResponse tagged) => true;

    /// <summary>
    /// By UID or sequence number; for $ (whose members only the server knows) any FETCH with the items asked for: the
    /// gate lets no other command taking FETCH data run beside it.
    /// </summary>
    private bool IsMine(FetchResponse fetch) =>
        uids is not null ? uids.IsSavedResult || uids.Contains(fetch.Uid!.Value) : numbers!.IsSavedResult || numbers.Contains(fetch.SequenceNumber, mailbox.Count);

    /// <summary>
    /// Whether the response carries what this command asked for and nothing a server would only send when asked: two
    /// fetches of the same message with different items are told apart this way, and a FETCH of flags alone (another
    /// client's change) is not mistaken for ours. FLAGS and MODSEQ may come unasked (RFC 9051 §6.4.5, RFC 7162), so
    /// they only count when requested. An item that was present but malformed still counts as present.
    /// </summary>
    private bool HasRequestedItems(FetchResponse fetch) =>
        fetch.MalformedItems is not null
        || (((items & FetchItems.Flags) == 0 || fetch.Flags is not null)
            && ((items & FetchItems.InternalDate) != 0) == (fetch.InternalDate is not null)
            && ((items & FetchItems.Size) != 0) == (fetch.Size is not null)
            && ((items & FetchItems.Envelope) != 0) == (fetch.Envelope is not null)
            && ((items & FetchItems.BodyStructure) != 0) == (fetch.BodyStructure is not null)
            && request.Sections.Count == (fetch.Sections?.Count ?? 0)
            && (request.Sections.Count == 0 || HasRequestedSections(fetch.Sections!)));

    private bool HasRequestedSections(List<FetchBodySection> received) =>
        request.Sections.All(s => received.Exists(r => s.Matches(r.Section, r.Origin)));

    private Dictionary<BodySection, ReadOnlyMemory<byte>> CollectSections(FetchResponse fetch)
    {
        var sections = new Dictionary<BodySection, ReadOnlyMemory<byte>>(request.Sections.Count);
        foreach (var section in request.Sections)
        {
            if (fetch.Sections?.Find(r => section.Matches(r.Section, r.Origin)) is { Data: { } data })
            {
                sections[section] = data;
            }
        }

        return sections;
    }
}
