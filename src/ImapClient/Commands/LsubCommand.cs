using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// LSUB (RFC 3501 §6.3.9): the subscribed names matching a pattern. IMAP4rev2 removed it in favour of
/// <c>LIST (SUBSCRIBED)</c>; it remains the way to list subscriptions on servers without LIST-EXTENDED. Its responses
/// carry no correlation, so LSUB collects them as an exclusive kind (beside a LIST, which collects another kind).
/// </summary>
internal sealed class LsubCommand(string reference, string pattern) : PendingCommand<IReadOnlyList<MailboxInfo>>
{
    private readonly List<MailboxInfo> found = [];

    public override string Name => "LSUB";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.Lsub;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("LSUB"u8);
        writer.WriteSpace();
        writer.WriteMailbox(reference);
        writer.WriteSpace();
        writer.WriteMailbox(pattern);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ListResponse { IsLsub: true } list)
        {
            return false;
        }

        // Every LSUB answer is a subscription, except that with "%" a parent of subscribed names is reported with
        // \Noselect even when it is not subscribed itself (RFC 3501 §6.3.9); LSUB cannot tell the two apart.
        found.Add(new MailboxInfo(list.Mailbox.Name, list.Delimiter, list.Attributes).WithSubscribed());
        return true;
    }

    protected override IReadOnlyList<MailboxInfo> GetResult(TaggedResponse tagged) => found;
}
