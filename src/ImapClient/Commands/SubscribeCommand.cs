using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>SUBSCRIBE (RFC 9051 §6.3.7): adds a name to the subscription list (the mailbox need not exist).</summary>
internal sealed class SubscribeCommand(string mailbox) : PendingCommand<bool>
{
    public override string Name => "SUBSCRIBE";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("SUBSCRIBE"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
