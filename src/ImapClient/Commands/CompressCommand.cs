using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// COMPRESS DEFLATE (RFC 4978 §3): a barrier; on OK the connection switches both directions to DEFLATE before
/// anything else is written or parsed.
/// </summary>
internal sealed class CompressCommand(Action onOk) : PendingCommand<bool>
{
    public override string Name => "COMPRESS";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("COMPRESS"u8);
        writer.WriteSpace();
        writer.WriteAtom("DEFLATE"u8);
    }

    public override void Complete(TaggedResponse tagged)
    {
        // Runs on the reader loop, before the next command may be sent and before the next byte is parsed.
        if (tagged.Status == ResponseStatus.Ok)
        {
            onOk();
        }

        base.Complete(tagged);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
