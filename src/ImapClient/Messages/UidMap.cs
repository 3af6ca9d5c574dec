using System.Collections;

namespace Imap;

/// <summary>
/// Where COPY or MOVE put each message (RFC 4315 COPYUID): source UID → UID in the destination mailbox, with the
/// destination's UIDVALIDITY. Kept as two compact sets matched by position, so copying a million messages costs a
/// few ranges. Empty when the server did not report the UIDs (no UIDPLUS).
/// </summary>
public sealed class UidMap : IEnumerable<KeyValuePair<Uid, Uid>>
{
    /// <summary>Runs that map linearly: source, source + 1 ... → destination, destination + 1 ..., sorted by source.</summary>
    private readonly Piece[] pieces;

    private UidMap(uint? destinationUidValidity, Piece[] pieces)
    {
        DestinationUidValidity = destinationUidValidity;
        this.pieces = pieces;
        Source = UidSet.FromRanges(pieces.Select(static p => new UidRange(new Uid(p.Source), new Uid(p.Source + p.Extra))));
        Destination = UidSet.FromRanges(pieces.Select(static p => new UidRange(new Uid(p.Destination), new Uid(p.Destination + p.Extra))));
        Count = Source.Count;
    }

    /// <summary>No mapping (the server did not report one).</summary>
    public static UidMap Empty { get; } = new(null, []);

    /// <summary>The destination mailbox's UIDVALIDITY, which the destination UIDs belong to; null when not reported.</summary>
    public uint? DestinationUidValidity { get; }

    /// <summary>The source UIDs that were reported.</summary>
    public UidSet Source { get; }

    /// <summary>The destination UIDs that were reported.</summary>
    public UidSet Destination { get; }

    /// <summary>The number of mapped messages: the number of <see cref="Source"/> UIDs, each mapped once.</summary>
    public uint Count { get; }

    /// <summary>The UID a source message has in the destination.</summary>
    /// <param name="source">The source UID.</param>
    /// <param name="destination">Its UID in the destination, when mapped.</param>
    /// <returns>Whether the source UID is mapped.</returns>
    public bool TryGetDestination(Uid source, out Uid destination)
    {
        int low = 0, high = pieces.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            var piece = pieces[middle];
            if (source.Value < piece.Source)
            {
                high = middle - 1;
            }
            else if (source.Value - piece.Source > piece.Extra)
            {
                low = middle + 1;
            }
            else
            {
                destination = new Uid(piece.Destination + (source.Value - piece.Source));
                return true;
            }
        }

        destination = default;
        return false;
    }

    /// <summary>The pairs in ascending order of source UID.</summary>
    public IEnumerator<KeyValuePair<Uid, Uid>> GetEnumerator()
    {
        foreach (var piece in pieces)
        {
            for (ulong offset = 0; offset <= piece.Extra; offset++)
            {
                yield return new(new Uid(piece.Source + (uint)offset), new Uid(piece.Destination + (uint)offset));
            }
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"COPYUID {DestinationUidValidity} {Source} {Destination}";

    /// <summary>
    /// The map from COPYUID codes (one for COPY; MOVE may send several, RFC 6851 §4.3). A code whose sets do not pair
    /// up (different sizes, or a <c>*</c>) is a server error and is ignored, as is a code for another UIDVALIDITY and
    /// one naming a source UID an earlier code already mapped (a repeated code), so each source UID maps once.
    /// </summary>
    internal static UidMap FromCodes(IEnumerable<ResponseCode> codes)
    {
        uint? validity = null;
        var pieces = new List<Piece>();
        var mapped = UidSet.Empty;
        foreach (var code in codes)
        {
            if (code is not { Kind: ResponseCodeKind.CopyUid, SourceSet: { IsBounded: true } source, DestinationSet: { IsBounded: true } destination }
                || source.IsEmpty || source.Count != destination.Count || code.Number is 0 or > uint.MaxValue
                || (validity is { } known && known != code.Number)
                || !UidSetAlgebra.Intersect(mapped, source).IsEmpty)
            {
                continue;
            }

            validity = (uint)code.Number;
            mapped = mapped.Union(source);
            Pair(source.Numbers.Ranges, destination.Numbers.Ranges, pieces);
        }

        pieces.Sort(static (a, b) => a.Source.CompareTo(b.Source));
        return pieces.Count == 0 ? Empty : new UidMap(validity, [.. pieces]);
    }

    /// <summary>Cuts both range lists at every boundary of either, so that each piece maps linearly.</summary>
    private static void Pair(ReadOnlySpan<NumberRange> source, ReadOnlySpan<NumberRange> destination, List<Piece> pieces)
    {
        int i = 0, j = 0;
        ulong s = source[0].Start, d = destination[0].Start;
        while (i < source.Length && j < destination.Length)
        {
            ulong extra = Math.Min(source[i].End - s, destination[j].End - d);
            pieces.Add(new Piece((uint)s, (uint)d, (uint)extra));
            s += extra + 1;
            d += extra + 1;
            if (s > source[i].End && ++i < source.Length)
            {
                s = source[i].Start;
            }

            if (d > destination[j].End && ++j < destination.Length)
            {
                d = destination[j].Start;
            }
        }
    }

    /// <summary>Source .. Source + Extra maps to Destination .. Destination + Extra.</summary>
    private readonly record struct Piece(uint Source, uint Destination, uint Extra);
}
