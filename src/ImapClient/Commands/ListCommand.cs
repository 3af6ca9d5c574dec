using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// LIST (RFC 9051 §6.3.9). LIST responses carry nothing tying them to their command, so LIST collects them as an
/// exclusive kind: only one LIST is in flight at a time.
/// </summary>
internal sealed class ListCommand(string reference, string pattern) : PendingCommand<IReadOnlyList<MailboxInfo>>
{
    private readonly List<MailboxInfo> found = [];

    public override string Name => "LIST";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.List;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("LIST"u8);
        writer.WriteSpace();
        writer.WriteMailbox(reference);
        writer.WriteSpace();
        writer.WriteMailbox(pattern);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ListResponse { IsLsub: false } list)
        {
            return false;
        }

        found.Add(new MailboxInfo(list.Mailbox.Name, list.Delimiter, list.Attributes));
        return true;
    }

    protected override IReadOnlyList<MailboxInfo> GetResult(TaggedResponse tagged) => found;
}
