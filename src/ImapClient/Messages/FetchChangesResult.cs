namespace Imap;

/// <summary>
/// What <see cref="SelectedMailbox.FetchChangesAsync"/> returns: the messages changed since a mod-sequence and, with
/// <see cref="FetchRequest.IncludeVanished"/>, the UIDs expunged since then (RFC 7162 §3.1.4, §3.2.6).
/// </summary>
public sealed class FetchChangesResult
{
    internal FetchChangesResult(IReadOnlyList<MessageSummary> changed, UidSet vanished)
    {
        Changed = changed;
        Vanished = vanished;
    }

    /// <summary>Messages of the set whose mod-sequence is above CHANGEDSINCE, with the items asked for and MODSEQ.</summary>
    public IReadOnlyList<MessageSummary> Changed { get; }

    /// <summary>
    /// UIDs of the set expunged since CHANGEDSINCE, as the server reported them (VANISHED (EARLIER)); empty without
    /// <see cref="FetchRequest.IncludeVanished"/>. A server may also name UIDs it cannot tell apart from expunged ones
    /// (never assigned ones within the set, RFC 7162 §3.2.6): intersect with what you hold.
    /// </summary>
    public UidSet Vanished { get; }
}
