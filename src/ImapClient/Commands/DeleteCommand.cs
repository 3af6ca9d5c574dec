using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>DELETE (RFC 9051 §6.3.5): removes a mailbox. Its children stay; a mailbox with children and \Noselect cannot be deleted.</summary>
internal sealed class DeleteCommand(string mailbox) : PendingCommand<bool>
{
    public override string Name => "DELETE";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("DELETE"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
