using System.Text;
using Imap.Connection;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// ENABLE (RFC 5161, RFC 9051 §6.3.1). What it enables (UTF8=ACCEPT above all) changes how every later command is
/// written and every later response is read. Called by the user it is a barrier; in the session setup after login it
/// is pipelined with commands that are the same in either encoding (<see cref="PendingCommand.IsEncodingNeutral"/>),
/// and nothing else may run beside it. The ENABLED response names no command and is collected as an exclusive kind.
/// </summary>
internal sealed class EnableCommand(IReadOnlyList<string> extensions, SessionState session, bool pipelined = false)
    : PendingCommand<IReadOnlySet<string>>
{
    private readonly List<string> enabled = [];

    public override string Name => "ENABLE";

    public override CommandTraits Traits => pipelined ? CommandTraits.None : CommandTraits.Barrier;

    public override bool SwitchesEncoding => true;

    public override bool IsSelectionIndependent => true;

    public override UntaggedKinds Collects => UntaggedKinds.Enabled;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("ENABLE"u8);
        foreach (string extension in extensions)
        {
            writer.WriteSpace();
            writer.WriteAtom(Encoding.UTF8.GetBytes(extension));
        }
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not CapabilityResponse { IsEnabled: true } list)
        {
            return false;
        }

        enabled.AddRange(list.Capabilities);
        return true;
    }

    /// <summary>Runs on the reader loop, so that the switch to UTF-8 happens before the next response is read.</summary>
    protected override IReadOnlySet<string> GetResult(TaggedResponse tagged)
    {
        session.NoteEnabled(enabled);
        return CapabilitySet.Of(enabled);
    }
}
