using System.Buffers;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UID FETCH uid BODY.PEEK[section] (or BODY[section], which sets \Seen; or BINARY.PEEK[section], RFC 3516) into
/// memory (RFC 9051 §6.4.5). A small body arrives inside its response and is taken as the parser made it; a large one
/// is streamed into one array of exactly the announced length, allocated once when the literal starts and after the
/// length was checked against <paramref name="maxLength"/>: never a growing buffer copied again at the end.
/// </summary>
/// <remarks>
/// When the section asks for a range (<c>&lt;offset.length&gt;</c>), a literal longer than the range is a protocol
/// violation and fails the command before anything is allocated: that keeps a chunk of a streamed download within
/// its size however the server behaves.
/// </remarks>
internal sealed class FetchBodyCommand(
    MailboxSelection mailbox, Uid uid, BodySection section, bool markSeen = false, bool binary = false, long maxLength = FetchBodyCommand.MaxArrayLength)
    : PendingCommand<byte[]>
{
    /// <summary>The longest array .NET allocates (Array.MaxLength).</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    private readonly UidSet set = UidSet.Create(uid);
    private byte[]? streamed;
    private int filled;
    private byte[]? body;
    private ImapException? refused;
    private bool claimed;

    public override string Name => "UID FETCH";

    public override CommandTraits Traits => CommandTraits.RequiresSelected | (markSeen ? CommandTraits.WritesFlags : CommandTraits.None);

    public override UidSet? Uids => set;

    public override bool ClaimsFetchData => true;

    private string Item => binary ? "BINARY" : "BODY";

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        FetchSyntax.WritePrefix(writer, set);
        writer.WriteRaw("(UID "u8);
        section.Write(writer, peek: !markSeen, binary);
        writer.WriteRaw(")"u8);
    }

    public override bool ClaimsBody(FetchResponse prefix) =>
        !claimed && prefix.Uid == uid.Value && prefix.Sections is { Count: > 0 } sections
        && sections[^1].Item == Item && section.Matches(sections[^1].Section, sections[^1].Origin);

    public override void OnBodyStart(FetchResponse prefix, PendingBody pending)
    {
        refused = Check(pending.Length);
        streamed = refused is null ? (pending.Length == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)pending.Length)) : null;
        filled = 0;
    }

    public override void OnBodyData(ReadOnlySequence<byte> data)
    {
        if (Abandoned || streamed is null)
        {
            streamed = null;
            return;
        }

        // The reader hands over exactly the literal's announced length, so this never runs past the array.
        data.CopyTo(streamed.AsSpan(filled));
        filled += (int)data.Length;
    }

    public override void OnBodyEnd()
    {
        body = streamed is not null && filled == streamed.Length ? streamed : body;
        streamed = null;
    }

    public override bool TryClaim(ImapResponse response)
    {
        // Only a FETCH carrying the body is ours: a FETCH of flags for the same UID (another client's change) is not.
        if (claimed || response is not FetchResponse { Uid: { } fetched } fetch || fetched != uid.Value
            || fetch.Sections?.Find(s => s.Item == Item && section.Matches(s.Section, s.Origin)) is not { } data)
        {
            return false;
        }

        claimed = true;
        if (!data.IsStreamed)
        {
            body = data.Data ?? [];
            refused ??= Check(body.Length);
        }

        return true;
    }

    protected override byte[] GetResult(TaggedResponse tagged)
    {
        if (refused is not null)
        {
            throw refused;
        }

        return body ?? throw new ImapProtocolException($"The server completed UID FETCH {uid} without the message body.");
    }

    private ImapException? Check(long length)
    {
        if (section.PartialLength is { } asked && length > asked)
        {
            return new ImapProtocolException($"The server sent {length} bytes of {section} for UID {uid}, more than the {asked} asked for.");
        }

        return length > maxLength
            ? new ImapLimitExceededException(
                $"The body of UID {uid} is {length} bytes, more than the {maxLength} an array can hold here; read it with OpenBodyAsync.",
                nameof(ImapLimits.MaxBodySize),
                maxLength)
            : null;
    }
}
