using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// MULTIAPPEND (RFC 3502): several messages added to one mailbox by one APPEND, atomically: the server stores all or
/// none. Each message is an <see cref="Upload"/> written at its place; abandoning the command inside any of them ends
/// it with an argument the grammar forbids (see <see cref="Upload.RefusedAfterMessage"/>), so nothing is stored. The
/// result holds the UIDVALIDITY and the UIDs of all the messages when the server reports them (APPENDUID, RFC 4315).
/// </summary>
internal sealed class MultiAppendCommand : PendingCommand<AppendResult>
{
    private readonly string mailbox;
    private readonly IReadOnlyList<AppendMessage> messages;
    private readonly Upload[] uploads;
    private readonly ulong? limit;

    public MultiAppendCommand(string mailbox, IReadOnlyList<AppendMessage> messages, ulong? limit)
    {
        this.mailbox = mailbox;
        this.messages = messages;
        this.limit = limit;
        uploads = [.. messages.Select(m => m.CreateUpload())];
    }

    public override IReadOnlyList<Upload>? Uploads => uploads;

    public override string Name => "APPEND";

    public override CommandTraits Traits => CommandTraits.None;

    protected override bool CompletesOnFailure => true;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("APPEND"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        for (int i = 0; i < messages.Count; i++)
        {
            AppendCommand.WriteMessageOptions(writer, messages[i].Flags ?? FlagSet.Empty, messages[i].InternalDate);
            writer.WriteSpace();
            writer.WriteUploadHeader(uploads[i].Length);
        }
    }

    protected override AppendResult GetResult(TaggedResponse tagged) => tagged.Status == ResponseStatus.Ok
        ? AppendOutcome.Result(tagged)
        : throw AppendOutcome.Failure(tagged, ToStatus(tagged.Status), Name, mailbox, messages.Max(m => m.Length), limit);
}
