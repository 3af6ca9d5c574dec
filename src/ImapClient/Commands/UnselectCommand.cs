using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UNSELECT (RFC 3691, RFC 9051 §6.4.2): returns to the authenticated state without removing any message. A barrier
/// that retires the mailbox as it goes on the wire, as <see cref="CloseCommand"/> does.
/// </summary>
internal sealed class UnselectCommand(MailboxSelection mailbox, Action deselect) : PendingCommand<bool>
{
    public override string Name => "UNSELECT";

    public override CommandTraits Traits => CommandTraits.Barrier | CommandTraits.RequiresSelected;

    public override void Write(CommandWriter writer) => writer.WriteAtom("UNSELECT"u8);

    public override Exception? OnSending() => mailbox.Leave(deselect);

    protected override bool GetResult(TaggedResponse tagged) => true;
}
