using System.Threading.Channels;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UID FETCH of summary items (RFC 9051 §6.4.5, §6.4.9). Its FETCH responses are recognised by UID membership in its
/// set, each UID once, so two UID FETCH commands in flight together each get exactly their own messages. Results go
/// to a channel as they arrive.
/// </summary>
internal sealed class UidFetchCommand(SelectedMailbox mailbox, UidSet uids, FetchItems items, ChannelWriter<MessageSummary> results)
    : PendingCommand<bool>
{
    private readonly HashSet<uint> seen = [];

    public override string Name => "UID FETCH";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected | ((items & FetchItems.Flags) != 0 ? CommandTraits.ReadsFlags : CommandTraits.None);

    public override UidSet? Uids => uids;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        UidFetchSyntax.WritePrefix(writer, uids);
        WriteItem(writer, FetchItems.Flags, " FLAGS"u8);
        WriteItem(writer, FetchItems.InternalDate, " INTERNALDATE"u8);
        WriteItem(writer, FetchItems.Size, " RFC822.SIZE"u8);
        WriteItem(writer, FetchItems.Envelope, " ENVELOPE"u8);
        WriteItem(writer, FetchItems.BodyStructure, " BODYSTRUCTURE"u8);
        WriteItem(writer, FetchItems.ModSeq, " MODSEQ"u8);
        WriteItem(writer, FetchItems.ObjectIds, " EMAILID THREADID"u8);
        WriteItem(writer, FetchItems.Preview, " PREVIEW"u8);
        writer.WriteRaw(")"u8);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not FetchResponse { Uid: { } uid } fetch || !uids.Contains(uid) || !HasRequestedItems(fetch) || !seen.Add(uid))
        {
            return false;
        }

        if (!Abandoned)
        {
            results.TryWrite(new MessageSummary(fetch.SequenceNumber, new Uid(uid))
            {
                Flags = fetch.Flags,
                InternalDate = fetch.InternalDate,
                Size = (long?)fetch.Size,
                Envelope = fetch.Envelope,
                Body = fetch.BodyStructure,
                ModSeq = fetch.ModSeq,
                EmailId = fetch.EmailId,
                ThreadId = fetch.ThreadId,
                Preview = fetch.Preview,
            });
        }

        return true;
    }

    protected override void OnFinished(Exception? error) => results.TryComplete(error);

    protected override bool GetResult(TaggedResponse tagged) => true;

    /// <summary>
    /// Whether the response carries what this command asked for and nothing a server would only send when asked: two
    /// fetches of the same UID with different items are told apart this way, and a FETCH of flags alone (another
    /// client's change) is not mistaken for ours. FLAGS and MODSEQ may come unasked (RFC 9051 §6.4.5, RFC 7162), so
    /// they only count when requested. An item that was present but malformed still counts as present.
    /// </summary>
    private bool HasRequestedItems(FetchResponse fetch) =>
        fetch.MalformedItems is not null
        || (((items & FetchItems.Flags) == 0 || fetch.Flags is not null)
            && ((items & FetchItems.InternalDate) != 0) == (fetch.InternalDate is not null)
            && ((items & FetchItems.Size) != 0) == (fetch.Size is not null)
            && ((items & FetchItems.Envelope) != 0) == (fetch.Envelope is not null)
            && ((items & FetchItems.BodyStructure) != 0) == (fetch.BodyStructure is not null));

    private void WriteItem(CommandWriter writer, FetchItems item, ReadOnlySpan<byte> text)
    {
        if ((items & item) != 0)
        {
            writer.WriteRaw(text);
        }
    }
}
