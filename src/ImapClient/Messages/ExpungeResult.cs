namespace Imap;

/// <summary>
/// The messages an EXPUNGE removed, as the server reported them while it ran (RFC 9051 §7.5.1; RFC 7162 §3.2.10).
/// Expunges that another command in flight caused at the same time (a MOVE) are counted too.
/// </summary>
public sealed class ExpungeResult
{
    internal ExpungeResult(IReadOnlyList<uint> sequenceNumbers, UidSet uids)
    {
        SequenceNumbers = sequenceNumbers;
        Uids = uids;
    }

    /// <summary>
    /// The EXPUNGE responses, in order. Each number counts after the ones before it were removed: 3, 3, 3 means the
    /// messages at 3, 4 and 5. Empty when the server reported VANISHED instead (QRESYNC enabled).
    /// </summary>
    public IReadOnlyList<uint> SequenceNumbers { get; }

    /// <summary>The UIDs reported by VANISHED (QRESYNC enabled); empty otherwise.</summary>
    public UidSet Uids { get; }

    /// <summary>
    /// How many messages went. A mailbox holds at most <see cref="uint.MaxValue"/> messages, and so many at most are
    /// counted: a server reporting more (which it cannot have removed) gets <see cref="uint.MaxValue"/>.
    /// </summary>
    public uint Count => (uint)Math.Min(uint.MaxValue, (ulong)SequenceNumbers.Count + (Uids.IsBounded ? Uids.Count : 0));
}
