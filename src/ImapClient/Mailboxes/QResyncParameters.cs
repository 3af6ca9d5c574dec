namespace Imap;

/// <summary>
/// What a client saved about a mailbox, given to SELECT so that the server tells only what changed since (RFC 7162
/// §3.2.5 <c>qresync-params</c>): the UIDVALIDITY and HIGHESTMODSEQ seen last, and optionally the UIDs known and some
/// sequence-number/UID pairs that let the server shorten its VANISHED answer.
/// </summary>
public sealed class QResyncParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="uidValidity">The UIDVALIDITY saved last time; when it changed, the server ignores the rest.</param>
    /// <param name="modSeq">The HIGHESTMODSEQ saved last time.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A zero UIDVALIDITY or mod-sequence, or a mod-sequence past the 63-bit range (RFC 7162 §7).
    /// </exception>
    public QResyncParameters(uint uidValidity, ulong modSeq)
    {
        ArgumentOutOfRangeException.ThrowIfZero(uidValidity);
        ArgumentOutOfRangeException.ThrowIfZero(modSeq);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(modSeq, (ulong)long.MaxValue);
        UidValidity = uidValidity;
        ModSeq = modSeq;
    }

    /// <summary>The UIDVALIDITY saved last time.</summary>
    public uint UidValidity { get; }

    /// <summary>The HIGHESTMODSEQ saved last time.</summary>
    public ulong ModSeq { get; }

    /// <summary>The UIDs the client knows (<c>known-uids</c>); null for every UID.</summary>
    public UidSet? KnownUids { get; init; }

    /// <summary>
    /// Sequence numbers whose UIDs the client knows (<c>seq-match-data</c>, the first set); with
    /// <see cref="KnownSequenceUids"/>, which must have the same number of members. Needs <see cref="KnownUids"/>.
    /// </summary>
    public SequenceSet? KnownSequenceNumbers { get; init; }

    /// <summary>The UIDs of <see cref="KnownSequenceNumbers"/>, in the same order (<c>seq-match-data</c>, the second set).</summary>
    public UidSet? KnownSequenceUids { get; init; }

    /// <summary>Checks the parts that depend on each other.</summary>
    internal void Validate(string paramName)
    {
        if ((KnownSequenceNumbers is null) != (KnownSequenceUids is null))
        {
            throw new ArgumentException("KnownSequenceNumbers and KnownSequenceUids go together (RFC 7162 seq-match-data).", paramName);
        }

        if (KnownSequenceNumbers is { } numbers && KnownSequenceUids is { } uids)
        {
            if (KnownUids is null)
            {
                throw new ArgumentException("seq-match-data needs known-uids (RFC 7162 §3.2.5): set KnownUids too.", paramName);
            }

            if (!numbers.IsBounded || !uids.IsBounded || numbers.IsEmpty || numbers.Count != uids.Count)
            {
                throw new ArgumentException("KnownSequenceNumbers and KnownSequenceUids must be bounded, non-empty and the same size.", paramName);
            }
        }

        if (KnownUids is { } known && (known.IsEmpty || known.IsSavedResult))
        {
            throw new ArgumentException("KnownUids must have at least one UID and cannot be $.", paramName);
        }
    }
}
