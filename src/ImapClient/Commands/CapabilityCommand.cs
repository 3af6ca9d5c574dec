using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>CAPABILITY (RFC 9051 §6.1.1). The client records the capabilities from every CAPABILITY response.</summary>
internal sealed class CapabilityCommand : PendingCommand<bool>
{
    public override string Name => "CAPABILITY";

    public override CommandTraits Traits => CommandTraits.None;

    public override bool IsSelectionIndependent => true;

    public override void Write(CommandWriter writer) => writer.WriteAtom("CAPABILITY"u8);

    public override bool TryClaim(ImapResponse response) => response is CapabilityResponse { IsEnabled: false };

    protected override bool GetResult(TaggedResponse tagged) => true;
}
