using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>UNSUBSCRIBE (RFC 9051 §6.3.8): removes a name from the subscription list.</summary>
internal sealed class UnsubscribeCommand(string mailbox) : PendingCommand<bool>
{
    public override string Name => "UNSUBSCRIBE";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("UNSUBSCRIBE"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
