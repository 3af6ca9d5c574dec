namespace Imap;

/// <summary>What STORE reported (RFC 9051 §6.4.6, RFC 7162 §3.1.3).</summary>
public sealed class StoreResult
{
    internal StoreResult(UidSet modified, IReadOnlyList<MessageSummary> updated)
    {
        Modified = modified;
        Updated = updated;
    }

    /// <summary>
    /// With <see cref="FlagChange.UnchangedSince"/>: the messages that were not changed because they had changed
    /// since (MODIFIED); UIDs for a UID STORE, sequence numbers (as numbers of this set) for a STORE by sequence
    /// number. Empty otherwise.
    /// </summary>
    public UidSet Modified { get; }

    /// <summary>
    /// The new flags of the changed messages, as the server reported them: every message with
    /// <see cref="FlagChange.ReturnNewFlags"/>; with CONDSTORE, the server may report some (with MODSEQ) even when silent.
    /// </summary>
    public IReadOnlyList<MessageSummary> Updated { get; }
}
