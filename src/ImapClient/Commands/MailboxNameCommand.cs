using System.Text;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// A command whose one argument is a mailbox name and whose answer is only its completion: DELETE (RFC 9051 §6.3.5;
/// children stay, and a mailbox with children and \Noselect cannot be deleted), SUBSCRIBE (§6.3.7; the mailbox need not
/// exist) and UNSUBSCRIBE (§6.3.8; the name need not exist any more).
/// </summary>
internal sealed class MailboxNameCommand : PendingCommand<bool>
{
    private readonly byte[] verb;
    private readonly string mailbox;

    private MailboxNameCommand(string name, string mailbox)
    {
        Name = name;
        verb = Encoding.ASCII.GetBytes(name);
        this.mailbox = mailbox;
    }

    public override string Name { get; }

    public override CommandTraits Traits => CommandTraits.None;

    public static MailboxNameCommand Delete(string mailbox) => new("DELETE", mailbox);

    public static MailboxNameCommand Subscribe(string mailbox) => new("SUBSCRIBE", mailbox);

    public static MailboxNameCommand Unsubscribe(string mailbox) => new("UNSUBSCRIBE", mailbox);

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom(verb);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
