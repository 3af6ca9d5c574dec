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
internal sealed class UidFetchCommand(UidSet uids, FetchItems items, ChannelWriter<MessageSummary> results) : PendingCommand<bool>
{
    private readonly HashSet<uint> seen = [];

    public override string Name => "UID FETCH";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected | ((items & FetchItems.Flags) != 0 ? CommandTraits.ReadsFlags : CommandTraits.None);

    public override UidSet? Uids => uids;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("UID"u8);
        writer.WriteSpace();
        writer.WriteAtom("FETCH"u8);
        writer.WriteSpace();
        writer.WriteSet(uids);
        writer.WriteSpace();
        writer.WriteRaw("(UID"u8);
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
        if (response is not FetchResponse { Uid: { } uid } fetch || !uids.Contains(uid) || !seen.Add(uid))
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

    public override void Complete(TaggedResponse tagged)
    {
        base.Complete(tagged);
        results.TryComplete(Task.Exception?.InnerException);
    }

    public override void Fail(Exception error)
    {
        base.Fail(error);
        results.TryComplete(error);
    }

    public override void Cancel(CancellationToken cancellationToken)
    {
        base.Cancel(cancellationToken);
        results.TryComplete(new OperationCanceledException(cancellationToken));
    }

    protected override bool GetResult(TaggedResponse tagged) => true;

    private void WriteItem(CommandWriter writer, FetchItems item, ReadOnlySpan<byte> text)
    {
        if ((items & item) != 0)
        {
            writer.WriteRaw(text);
        }
    }
}
