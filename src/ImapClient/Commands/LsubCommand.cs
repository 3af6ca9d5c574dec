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
    /// <summary>The CHILDINFO of a parent that has subscribed children (RFC 5258 §3.5).</summary>
    internal const string SubscribedChildren = "SUBSCRIBED";

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

        found.Add(ToMailboxInfo(list));
        return true;
    }

    protected override IReadOnlyList<MailboxInfo> GetResult(TaggedResponse tagged) => found;

    /// <summary>
    /// An LSUB answer is a subscribed name, except one flagged \Noselect: that is a parent of subscribed names that is
    /// not subscribed itself (RFC 3501 §6.3.9; Courier reports INBOX so when only its children are subscribed). In LSUB
    /// the flag says nothing about whether the mailbox can be selected, so the parent keeps its other attributes,
    /// loses \Noselect, and says through CHILDINFO (RFC 5258 §3.5) why it was reported.
    /// </summary>
    private static MailboxInfo ToMailboxInfo(ListResponse list)
    {
        bool parentOnly = list.Attributes.Any(a => MailboxAttributeNames.Parse(a) == MailboxAttributes.NoSelect);
        if (!parentOnly)
        {
            return new MailboxInfo(list.Mailbox.Name, list.Delimiter, list.Attributes).WithSubscribed();
        }

        string[] attributes = [.. list.Attributes.Where(a => MailboxAttributeNames.Parse(a) != MailboxAttributes.NoSelect)];
        return new MailboxInfo(list.Mailbox.Name, list.Delimiter, attributes, [SubscribedChildren], null, null);
    }
}
