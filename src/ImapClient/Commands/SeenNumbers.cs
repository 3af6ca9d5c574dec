namespace Imap.Commands;

/// <summary>
/// The messages (by UID or sequence number) a fetch has taken already, so that each is taken once. For a set that is
/// one bounded range, which is what the batches of a large fetch are, one bit per member of the range; otherwise a
/// hash set. The bitmap costs an eighth of a byte per message where the hash set costs about forty (issue #14).
/// </summary>
internal sealed class SeenNumbers
{
    /// <summary>Largest range kept as a bitmap (512 KiB of bits); a larger one uses the hash set.</summary>
    private const ulong MaxBitmapRange = 1UL << 22;

    private readonly uint first;
    private readonly ulong[]? bits;
    private HashSet<uint>? others;

    /// <param name="set">The set the command asked for; null or unknown members (<c>*</c>, <c>$</c>) mean no bitmap.</param>
    public SeenNumbers(NumberSet? set)
    {
        if (set is { IsBounded: true, Ranges: [var only] } && only.End - only.Start < MaxBitmapRange)
        {
            first = (uint)only.Start;
            bits = new ulong[(int)(((only.End - only.Start) / 64) + 1)];
        }
    }

    /// <summary>How many numbers were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="number"/>; false when it was there already.</summary>
    public bool Add(uint number)
    {
        if (bits is not null && number >= first && (ulong)(number - first) < (ulong)bits.Length * 64)
        {
            uint offset = number - first;
            ulong mask = 1UL << (int)(offset % 64);
            ref ulong word = ref bits[offset / 64];
            if ((word & mask) != 0)
            {
                return false;
            }

            word |= mask;
        }
        else if (!(others ??= []).Add(number))
        {
            return false;
        }

        Count++;
        return true;
    }
}
