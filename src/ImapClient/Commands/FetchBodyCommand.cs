using System.Buffers;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UID FETCH uid BODY.PEEK[section] (or BODY[section], which sets \Seen) into memory (RFC 9051 §6.4.5). The body arrives either inside its response or,
/// when large, streamed; either way it is gathered into one array sized as it grows, never by the length the server
/// announced, so a hostile length costs nothing up front.
/// </summary>
internal sealed class FetchBodyCommand(SelectedMailbox mailbox, Uid uid, BodySection section, bool markSeen = false) : PendingCommand<byte[]>
{
    private const int InitialCapacity = 64 * 1024;
    private readonly UidSet set = UidSet.Create(uid);
    private ArrayBufferWriter<byte>? streamed;
    private byte[]? body;
    private bool claimed;

    public override string Name => "UID FETCH";

    public override CommandTraits Traits => CommandTraits.RequiresSelected | (markSeen ? CommandTraits.WritesFlags : CommandTraits.None);

    public override UidSet? Uids => set;

    public override bool ClaimsFetchData => true;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        FetchSyntax.WritePrefix(writer, set);
        writer.WriteRaw("(UID "u8);
        section.Write(writer, peek: !markSeen);
        writer.WriteRaw(")"u8);
    }

    public override bool ClaimsBody(FetchResponse prefix) =>
        !claimed && prefix.Uid == uid.Value && prefix.Sections is { Count: > 0 } sections && section.Matches(sections[^1].Section, sections[^1].Origin);

    public override void OnBodyStart(FetchResponse prefix, PendingBody pending) =>
        streamed = new ArrayBufferWriter<byte>((int)Math.Min(pending.Length, InitialCapacity) + 1);

    public override void OnBodyData(ReadOnlySequence<byte> data)
    {
        if (!Abandoned && streamed is not null)
        {
            foreach (var segment in data)
            {
                streamed.Write(segment.Span);
            }
        }
    }

    public override void OnBodyEnd()
    {
        body = streamed?.WrittenSpan.ToArray();
        streamed = null;
    }

    public override bool TryClaim(ImapResponse response)
    {
        // Only a FETCH carrying the body is ours: a FETCH of flags for the same UID (another client's change) is not.
        if (claimed || response is not FetchResponse { Uid: { } fetched } fetch || fetched != uid.Value
            || fetch.Sections?.Find(s => s.Item == "BODY" && section.Matches(s.Section, s.Origin)) is not { } data)
        {
            return false;
        }

        claimed = true;
        if (!data.IsStreamed)
        {
            body = data.Data ?? [];
        }

        return true;
    }

    protected override byte[] GetResult(TaggedResponse tagged) =>
        body ?? throw new ImapProtocolException($"The server completed UID FETCH {uid} without the message body.");
}
