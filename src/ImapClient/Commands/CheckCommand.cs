using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// CHECK (RFC 3501 §6.4.1): a checkpoint of the selected mailbox. IMAP4rev2 removed it (RFC 9051 Appendix E) and says
/// NOOP does the same job, so <paramref name="noop"/> sends NOOP instead; the selected mailbox's NOOP
/// uses it too. Either may report changes, expunges included; a command queued for a mailbox that has since been left
/// fails unsent.
/// </summary>
internal sealed class CheckCommand(MailboxSelection mailbox, bool noop) : PendingCommand<bool>
{
    public override string Name => noop ? "NOOP" : "CHECK";

    public override CommandTraits Traits => CommandTraits.RequiresSelected | CommandTraits.MayExpunge;

    public override void Write(CommandWriter writer) => writer.WriteAtom(noop ? "NOOP"u8 : "CHECK"u8);

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    protected override bool GetResult(TaggedResponse tagged) => true;
}
