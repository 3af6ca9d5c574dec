using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>LOGOUT (RFC 9051 §6.1.3): the server answers BYE, then OK, then closes the connection.</summary>
internal sealed class LogoutCommand : PendingCommand<bool>
{
    public override string Name => "LOGOUT";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override void Write(CommandWriter writer) => writer.WriteAtom("LOGOUT"u8);

    public override bool TryClaim(ImapResponse response) => response is StatusResponse { Status: ResponseStatus.Bye };

    protected override bool GetResult(TaggedResponse tagged) => true;
}
