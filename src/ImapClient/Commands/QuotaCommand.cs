using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// GETQUOTA (RFC 9208 §4.2): the resources and limits of one quota root. Its QUOTA response is recognised by the
/// root's name; QUOTA is also collected as an exclusive kind, so one quota command runs at a time.
/// </summary>
internal sealed class QuotaCommand(string root) : PendingCommand<Quota>
{
    private QuotaResponse? quota;

    public override string Name => "GETQUOTA";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.Quota | UntaggedKinds.QuotaRoot;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("GETQUOTA"u8);
        writer.WriteSpace();
        writer.WriteAstring(root);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (quota is not null || response is not QuotaResponse candidate || !string.Equals(candidate.Root, root, StringComparison.Ordinal))
        {
            return false;
        }

        quota = candidate;
        return true;
    }

    /// <summary>A quota as the public type; STORAGE stays in KiB as the server sent it.</summary>
    public static Quota ToQuota(QuotaResponse response) =>
        new(response.Root, [.. response.Resources.Select(r => new QuotaUsage(r.Name, r.Usage, r.Limit))]);

    protected override Quota GetResult(TaggedResponse tagged) =>
        ToQuota(quota ?? throw new ImapProtocolException($"The server completed GETQUOTA \"{root}\" without a QUOTA response for that root."));
}
