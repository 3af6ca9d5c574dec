using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// NOOP (RFC 9051 §6.1.2): a round trip that lets the server report changes (which may include EXPUNGE). Pooled: an
/// application that polls with NOOP allocates no command object per poll.
/// </summary>
internal sealed class NoopCommand : ReusableCommand<NoopCommand, bool>
{
    public override string Name => "NOOP";

    public override CommandTraits Traits => CommandTraits.MayExpunge;

    public override void Write(CommandWriter writer) => writer.WriteAtom("NOOP"u8);

    protected override bool GetResult(TaggedResponse tagged) => true;
}
