using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// CLOSE (RFC 9051 §6.4.1, RFC 3501 §6.4.2): permanently removes the messages marked \Deleted, without EXPUNGE
/// responses, unless the mailbox is read-only, and returns to the authenticated state. A barrier: the mailbox is
/// retired as the command goes on the wire, so a command queued behind it for the same mailbox fails unsent.
/// </summary>
internal sealed class CloseCommand(MailboxSelection mailbox, Action deselect) : PendingCommand<bool>
{
    public override string Name => "CLOSE";

    public override CommandTraits Traits => CommandTraits.Barrier | CommandTraits.RequiresSelected | CommandTraits.MayExpunge;

    public override void Write(CommandWriter writer) => writer.WriteAtom("CLOSE"u8);

    public override Exception? OnSending() => mailbox.Leave(deselect);

    protected override bool GetResult(TaggedResponse tagged) => true;
}
