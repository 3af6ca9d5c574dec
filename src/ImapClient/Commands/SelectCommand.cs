using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// SELECT or EXAMINE (RFC 9051 §6.3.2, §6.3.3): a barrier; while it runs, every untagged response belongs to it
/// (FLAGS, EXISTS, RECENT, the OK responses with UIDVALIDITY, UIDNEXT, UNSEEN, PERMANENTFLAGS, HIGHESTMODSEQ, and the
/// LIST that IMAP4rev2 servers add). Its result is whatever <c>open</c> makes of the state gathered (the client's
/// selected mailbox), made as the tagged OK is read, before any later response.
/// </summary>
/// <typeparam name="TMailbox">What the selection opens into.</typeparam>
internal sealed class SelectCommand<TMailbox>(string mailbox, SelectOptions options, Action onSending, Func<SelectState, bool, TMailbox> open)
    : PendingCommand<TMailbox>
{
    private readonly SelectState state = new();

    private readonly bool readOnly = options.ReadOnly;

    public override string Name => readOnly ? "EXAMINE" : "SELECT";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool ChangesSelection => true;

    public override bool IsEncodingNeutral => ModifiedUtf7.IsSameInUtf8(mailbox);

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom(readOnly ? "EXAMINE"u8 : "SELECT"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        if (options.QResync is { } q)
        {
            // select-param = "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
            writer.WriteRaw(" (QRESYNC ("u8);
            writer.WriteNumber(q.UidValidity);
            writer.WriteSpace();
            writer.WriteNumber(q.ModSeq);
            if (q.KnownUids is { } known)
            {
                writer.WriteSpace();
                writer.WriteSet(known);
            }

            if (q.KnownSequenceNumbers is { } numbers && q.KnownSequenceUids is { } uids)
            {
                writer.WriteRaw(" ("u8);
                writer.WriteSet(numbers);
                writer.WriteSpace();
                writer.WriteSet(uids);
                writer.WriteRaw(")"u8);
            }

            writer.WriteRaw("))"u8);
        }
        else if (options.CondStore)
        {
            writer.WriteRaw(" (CONDSTORE)"u8);
        }
    }

    /// <summary>The server closes the current mailbox when it receives SELECT, whatever the outcome (RFC 9051 §6.3.2).</summary>
    public override Exception? OnSending()
    {
        onSending();
        return null;
    }

    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case FlagsResponse flags:
                state.Flags = flags.Flags;
                return true;
            case MessageNumberResponse { Kind: MessageNumberKind.Exists } exists:
                state.Count = exists.Number;
                return true;
            case MessageNumberResponse { Kind: MessageNumberKind.Recent } recent:
                state.Recent = recent.Number;
                return true;
            case StatusResponse { Status: ResponseStatus.Ok, Code: { } code }:
                state.Apply(code);
                return true;
            case ListResponse list:
                state.Name = list.Mailbox.Name;
                return true;
            case VanishedResponse { Earlier: true, Uids.IsBounded: true } vanished when options.QResync is not null:
                state.Vanished = state.Vanished.Union(vanished.Uids);
                return true;
            case FetchResponse { Uid: { } uid } fetch when options.QResync is not null:
                state.Changed.Add(new MessageSummary(fetch.SequenceNumber, new Uid(uid)) { Flags = fetch.Flags, ModSeq = fetch.ModSeq });
                return true;
            default:
                return false;
        }
    }

    protected override TMailbox GetResult(TaggedResponse tagged)
    {
        state.Name ??= mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : mailbox;
        bool isReadOnly = tagged.Code?.Kind == ResponseCodeKind.ReadOnly || (readOnly && tagged.Code?.Kind != ResponseCodeKind.ReadWrite);
        return open(state, isReadOnly);
    }
}
