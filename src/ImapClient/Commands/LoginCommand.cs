using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>LOGIN (RFC 9051 §6.2.3). The password is marked secret: a protocol trace shows "***" in its place.</summary>
internal sealed class LoginCommand(string user, string password) : PendingCommand<bool>
{
    public override string Name => "LOGIN";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("LOGIN"u8);
        writer.WriteSpace();
        writer.WriteAstring(user);
        writer.WriteSpace();
        writer.BeginSecret();
        writer.WriteAstring(password);
        writer.EndSecret();
    }

    /// <summary>Whether the OK carried the new capabilities (most servers send them there, RFC 9051 §6.2.3).</summary>
    protected override bool GetResult(TaggedResponse tagged) => tagged.Code?.Kind == ResponseCodeKind.Capability;
}
