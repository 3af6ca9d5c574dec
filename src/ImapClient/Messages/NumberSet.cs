using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Imap;

/// <summary>
/// One element of a <see cref="NumberSet"/>: every number from <see cref="Start"/> to <see cref="End"/>. Numbers are
/// 1 to <see cref="uint.MaxValue"/>; <see cref="NumberSet.Star"/> stands for <c>*</c>, the largest number in use
/// (RFC 9051 §9 <c>seq-number</c>), and sorts after every number.
/// </summary>
internal readonly record struct NumberRange(ulong Start, ulong End)
{
    public bool IsSingle => Start == End;

    /// <summary>The IMAP form: <c>7</c>, <c>3:9</c>, <c>5:*</c> or <c>*</c>.</summary>
    public override string ToString() => IsSingle ? Format(Start) : Format(Start) + ":" + Format(End);

    private static string Format(ulong value) => value == NumberSet.Star ? "*" : value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The range logic shared by <see cref="UidSet"/> and <see cref="SequenceSet"/>: an immutable, normalised
/// <c>sequence-set</c> (RFC 9051 §9), kept as sorted ranges that neither overlap nor touch, so that
/// <c>1:4000000000</c> costs one element. It may instead be the saved search result <c>$</c> (RFC 5182 §2).
/// </summary>
/// <remarks>
/// <para>
/// <c>*</c> is kept as <see cref="Star"/> (2^32), one past the largest number, so that ordinary ordering and merging
/// handle it. This is exact, not an approximation: RFC 9051 §9 makes <c>a:*</c> mean "a through the largest number in
/// use, in either order", so <c>a:*</c> always contains the largest number L, and contains n ≥ a when n ≤ L. Merging
/// <c>b:c</c> into <c>a:*</c> when c + 1 ≥ a, folding a lone <c>*</c> into any <c>a:*</c>, and joining
/// <c>b:4294967295</c> with a lone <c>*</c> into <c>b:*</c> give the same messages for every L.
/// </para>
/// <para>Numbers are parsed as <c>nz-number</c>: no zero, no leading zero, nothing past <see cref="uint.MaxValue"/>.</para>
/// </remarks>
internal readonly struct NumberSet : IEquatable<NumberSet>
{
    /// <summary>The value that stands for <c>*</c>.</summary>
    public const ulong Star = 1UL << 32;

    private static readonly NumberRange[] NoRanges = [];

    private readonly NumberRange[]? _ranges;

    private NumberSet(NumberRange[] ranges, bool savedResult)
    {
        _ranges = ranges;
        IsSavedResult = savedResult;
    }

    /// <summary>The set <c>$</c>: the result saved by the last SEARCH with <c>RETURN (SAVE)</c> (RFC 5182 §2).</summary>
    public static NumberSet SavedResult => new(NoRanges, savedResult: true);

    /// <summary>True for <c>$</c>, whose members only the server knows.</summary>
    public bool IsSavedResult { get; }

    /// <summary>The normalised ranges, ascending; empty for <c>$</c>.</summary>
    public ReadOnlySpan<NumberRange> Ranges => _ranges;

    /// <summary>True when the set has no member and is not <c>$</c>.</summary>
    public bool IsEmpty => !IsSavedResult && Ranges.Length == 0;

    /// <summary>True when every member is a known number: no <c>*</c> and not <c>$</c>.</summary>
    public bool IsBounded => !IsSavedResult && (Ranges.Length == 0 || Ranges[^1].End != Star);

    /// <summary>
    /// Number of members of a bounded set. It always fits: the members are distinct numbers from 1 to
    /// <see cref="uint.MaxValue"/>, so <c>1:4294967295</c> has the most, <see cref="uint.MaxValue"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The set contains <c>*</c> or is <c>$</c>.</exception>
    public uint Count
    {
        get
        {
            ThrowIfUnbounded();
            ulong count = 0;
            foreach (var range in Ranges)
            {
                count += range.End - range.Start + 1;
            }

            // Normalised ranges neither overlap nor reach Star here, so this cannot throw.
            return checked((uint)count);
        }
    }

    /// <summary>The set of the given ranges, in any order and overlapping as they like.</summary>
    /// <param name="ranges">Ranges whose ends are 1 to <see cref="uint.MaxValue"/> or <see cref="Star"/>, in either order.</param>
    public static NumberSet FromRanges(ReadOnlySpan<NumberRange> ranges)
    {
        if (ranges.IsEmpty)
        {
            return default;
        }

        var copy = new NumberRange[ranges.Length];
        for (int i = 0; i < ranges.Length; i++)
        {
            var (start, end) = ranges[i];
            copy[i] = start <= end ? new NumberRange(start, end) : new NumberRange(end, start);
        }

        return new NumberSet(Normalise(copy), savedResult: false);
    }

    /// <summary>The set of the given numbers.</summary>
    /// <param name="numbers">Numbers in any order, duplicates allowed.</param>
    /// <param name="paramName">The caller's parameter name for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is 0.</exception>
    public static NumberSet FromNumbers(IEnumerable<uint> numbers, string paramName)
    {
        var values = numbers is ICollection<uint> collection ? new List<uint>(collection.Count) : [];
        bool sorted = true;
        uint previous = 0;
        foreach (uint value in numbers)
        {
            if (value == 0)
            {
                throw new ArgumentOutOfRangeException(paramName, "0 is not a message number or UID (RFC 9051 §2.3.1).");
            }

            sorted &= value >= previous;
            previous = value;
            values.Add(value);
        }

        if (!sorted)
        {
            values.Sort();
        }

        var ranges = new List<NumberRange>();
        int i = 0;
        while (i < values.Count)
        {
            uint start = values[i];
            uint end = start;
            i++;
            while (i < values.Count && values[i] <= end + 1UL)
            {
                end = Math.Max(end, values[i]);
                i++;
            }

            ranges.Add(new NumberRange(start, end));
        }

        return ranges.Count == 0 ? default : new NumberSet([.. ranges], savedResult: false);
    }

    /// <summary>True when the number is a member, taking <c>a:*</c> as every number from a up.</summary>
    /// <remarks>
    /// A lone <c>*</c> matches no number here: only the server knows which number it is. O(log n) in the number of ranges.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The set is <c>$</c>.</exception>
    public bool Contains(uint value)
    {
        if (IsSavedResult)
        {
            throw new InvalidOperationException("The members of the saved search result $ are known only to the server (RFC 5182 §2).");
        }

        var ranges = Ranges;
        int low = 0;
        int high = ranges.Length - 1;
        while (low <= high)
        {
            int mid = low + ((high - low) >> 1);
            var range = ranges[mid];
            if (value < range.Start)
            {
                high = mid - 1;
            }
            else if (value > range.End)
            {
                low = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the number is a member once <c>*</c> is known to be <paramref name="largestInUse"/>: then every
    /// <c>a:*</c> and a lone <c>*</c> contain the largest number even when it is below a (RFC 9051 §9).
    /// </summary>
    /// <exception cref="InvalidOperationException">The set is <c>$</c>.</exception>
    public bool Contains(uint value, uint largestInUse)
    {
        if (Contains(value))
        {
            return true;
        }

        var ranges = Ranges;
        return value == largestInUse && ranges.Length != 0 && ranges[^1].End == Star;
    }

    /// <summary>The members of a bounded set, ascending.</summary>
    /// <exception cref="InvalidOperationException">The set contains <c>*</c> or is <c>$</c>.</exception>
    public IEnumerable<uint> Enumerate()
    {
        ThrowIfUnbounded();
        return Iterate(_ranges ?? NoRanges);

        static IEnumerable<uint> Iterate(NumberRange[] ranges)
        {
            foreach (var range in ranges)
            {
                for (ulong value = range.Start; value <= range.End; value++)
                {
                    yield return (uint)value;
                }
            }
        }
    }

    /// <summary>Length of the IMAP form written by <see cref="Format"/>.</summary>
    public int GetFormattedLength()
    {
        if (IsSavedResult)
        {
            return 1;
        }

        int length = 0;
        foreach (var range in Ranges)
        {
            length += (length == 0 ? 0 : 1) + NumberLength(range.Start) + (range.IsSingle ? 0 : 1 + NumberLength(range.End));
        }

        return length;
    }

    /// <summary>Writes the compact IMAP form (<c>1:3,5,7:*</c>, or <c>$</c>) and returns its length.</summary>
    /// <param name="destination">At least <see cref="GetFormattedLength"/> bytes.</param>
    public int Format(Span<byte> destination)
    {
        if (IsSavedResult)
        {
            destination[0] = (byte)'$';
            return 1;
        }

        int written = 0;
        foreach (var range in Ranges)
        {
            if (written != 0)
            {
                destination[written++] = (byte)',';
            }

            written += FormatNumber(range.Start, destination[written..]);
            if (!range.IsSingle)
            {
                destination[written++] = (byte)':';
                written += FormatNumber(range.End, destination[written..]);
            }
        }

        return written;
    }

    /// <summary>The compact IMAP form; empty for the empty set.</summary>
    public override string ToString()
    {
        int length = GetFormattedLength();
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Encoding.ASCII.GetString(buffer[..Format(buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Parses a <c>sequence-set</c> (RFC 9051 §9), or <c>$</c> (RFC 5182 §3).</summary>
    /// <param name="text">The whole set and nothing else.</param>
    /// <param name="allowStarAndSaved">
    /// False for sets sent by a server (COPYUID, VANISHED, ESEARCH ALL), which name messages and never use <c>*</c>
    /// (RFC 7162 §7 <c>known-uids</c>) or <c>$</c>.
    /// </param>
    /// <param name="set">The normalised set.</param>
    public static bool TryParse(ReadOnlySpan<byte> text, bool allowStarAndSaved, out NumberSet set)
    {
        set = default;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text.Length == 1 && text[0] == (byte)'$')
        {
            if (allowStarAndSaved)
            {
                set = SavedResult;
            }

            return allowStarAndSaved;
        }

        var ranges = new NumberRange[text.Count((byte)',') + 1];
        int count = 0;
        int position = 0;
        while (true)
        {
            if (!TryParseNumber(text, ref position, allowStarAndSaved, out ulong start))
            {
                return false;
            }

            ulong end = start;
            if (position < text.Length && text[position] == (byte)':')
            {
                position++;
                if (!TryParseNumber(text, ref position, allowStarAndSaved, out end))
                {
                    return false;
                }
            }

            ranges[count++] = start <= end ? new NumberRange(start, end) : new NumberRange(end, start);
            if (position == text.Length)
            {
                break;
            }

            if (text[position] != (byte)',')
            {
                return false;
            }

            position++;
        }

        set = new NumberSet(Normalise(ranges), savedResult: false);
        return true;
    }

    /// <summary>Parses text as <see cref="TryParse(ReadOnlySpan{byte}, bool, out NumberSet)"/> does.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowStarAndSaved, out NumberSet set)
    {
        set = default;
        byte[]? rented = null;
        Span<byte> bytes = text.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(text.Length));
        try
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 0x7F)
                {
                    return false;
                }

                bytes[i] = (byte)text[i];
            }

            return TryParse(bytes[..text.Length], allowStarAndSaved, out set);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public bool Equals(NumberSet other) => IsSavedResult == other.IsSavedResult && Ranges.SequenceEqual(other.Ranges);

    public override bool Equals(object? obj) => obj is NumberSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(IsSavedResult);
        foreach (var range in Ranges)
        {
            hash.Add(range.Start);
            hash.Add(range.End);
        }

        return hash.ToHashCode();
    }

    private void ThrowIfUnbounded()
    {
        if (!IsBounded)
        {
            throw new InvalidOperationException(IsSavedResult
                ? "The members of the saved search result $ are known only to the server (RFC 5182 §2)."
                : "The set contains *, the largest number in use, which only the server knows (RFC 9051 §9).");
        }
    }

    // nz-number = digit-nz *DIGIT, or "*" (RFC 9051 §9 seq-number).
    private static bool TryParseNumber(ReadOnlySpan<byte> text, ref int position, bool allowStar, out ulong value)
    {
        value = 0;
        if (position >= text.Length)
        {
            return false;
        }

        byte first = text[position];
        if (first == (byte)'*')
        {
            position++;
            value = Star;
            return allowStar;
        }

        if (first is < (byte)'1' or > (byte)'9')
        {
            return false;
        }

        while (position < text.Length && text[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (ulong)(text[position] - '0');
            if (value > uint.MaxValue)
            {
                return false;
            }

            position++;
        }

        return true;
    }

    // Sorts (when needed) and merges ranges that overlap or touch, in place; returns the array or a trimmed copy.
    private static NumberRange[] Normalise(NumberRange[] ranges)
    {
        bool sorted = true;
        for (int i = 1; i < ranges.Length && sorted; i++)
        {
            sorted = ranges[i - 1].Start <= ranges[i].Start;
        }

        if (!sorted)
        {
            Array.Sort(ranges, static (a, b) => a.Start.CompareTo(b.Start));
        }

        int count = 0;
        foreach (var range in ranges)
        {
            if (count != 0 && range.Start <= ranges[count - 1].End + 1)
            {
                var last = ranges[count - 1];
                ranges[count - 1] = last with { End = Math.Max(last.End, range.End) };
            }
            else
            {
                ranges[count++] = range;
            }
        }

        return count == ranges.Length ? ranges : ranges[..count];
    }

    private static int NumberLength(ulong value)
    {
        if (value == Star)
        {
            return 1;
        }

        int length = 1;
        while (value >= 10)
        {
            value /= 10;
            length++;
        }

        return length;
    }

    private static int FormatNumber(ulong value, Span<byte> destination)
    {
        if (value == Star)
        {
            destination[0] = (byte)'*';
            return 1;
        }

        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }
}
