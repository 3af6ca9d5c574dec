using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// GETQUOTAROOT (RFC 9208 §4.3): the quota roots of a mailbox (QUOTAROOT, recognised by mailbox name) and the limits
/// of each (QUOTA, recognised by root name). Both kinds are also collected exclusively, one quota command at a time.
/// </summary>
internal sealed class QuotaRootCommand(string mailbox) : PendingCommand<QuotaRoots>
{
    /// <summary>The name as the writer put it on the wire (what the server echoes); set when the command is built.</summary>
    private byte[] wireName = [];
    private readonly List<QuotaResponse> quotas = [];
    private QuotaRootResponse? roots;

    public override string Name => "GETQUOTAROOT";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.Quota | UntaggedKinds.QuotaRoot;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("GETQUOTAROOT"u8);
        writer.WriteSpace();
        wireName = writer.WriteMailboxReportingWire(mailbox);
    }

    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case QuotaRootResponse candidate when roots is null && SameName(candidate.Mailbox.Wire):
                roots = candidate;
                return true;
            case QuotaResponse quota when (roots is null || roots.Roots.Contains(quota.Root, StringComparer.Ordinal))
                && !quotas.Exists(q => string.Equals(q.Root, quota.Root, StringComparison.Ordinal)):
                // QUOTAROOT comes first (RFC 9208 §4.3); a QUOTA before it is kept and checked against the roots below.
                quotas.Add(quota);
                return true;
            default:
                return false;
        }
    }

    protected override QuotaRoots GetResult(TaggedResponse tagged)
    {
        var r = roots ?? throw new ImapProtocolException($"The server completed GETQUOTAROOT {mailbox} without a QUOTAROOT response for it.");
        var own = quotas.Where(q => r.Roots.Contains(q.Root, StringComparer.Ordinal)).Select(QuotaCommand.ToQuota).ToArray();
        return new QuotaRoots(mailbox, [.. r.Roots], own);
    }

    private bool SameName(byte[] wire) =>
        wire.AsSpan().SequenceEqual(wireName)
        || (wireName.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(wireName, "INBOX"u8) && System.Text.Ascii.EqualsIgnoreCase(wire, "INBOX"u8));
}
