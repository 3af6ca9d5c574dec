using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Imap;

/// <summary>
/// An immutable set of message sequence numbers: the <c>sequence-set</c> of FETCH, STORE, COPY, MOVE and SEARCH
/// (RFC 9051 §9, §2.3.1.2). It is kept normalised, as sorted ranges that neither overlap nor touch, so
/// <c>1:4000000000</c> costs one range, and it prints in the compact IMAP form (<c>1:3,5,7:*</c>).
/// </summary>
/// <remarks>
/// <para>
/// Sequence numbers shift whenever a message is expunged; prefer <see cref="UidSet"/> wherever a command has a UID
/// form. A set may end with <c>*</c>, the number of messages in the mailbox, which only the server knows for sure.
/// Such a set is not <see cref="IsBounded">bounded</see>: it cannot be counted or enumerated.
/// </para>
/// <para>The set may instead be <see cref="SavedResult"/>, <c>$</c> (RFC 5182, RFC 9051 §6.4.4.1).</para>
/// </remarks>
public sealed class SequenceSet : IEquatable<SequenceSet>, IEnumerable<uint>
{
    private readonly NumberSet _set;
    private IReadOnlyList<SequenceRange>? _ranges;

    private SequenceSet(NumberSet set) => _set = set;

    /// <summary>The empty set. It cannot be sent: a <c>sequence-set</c> has at least one element.</summary>
    public static SequenceSet Empty { get; } = new(default(NumberSet));

    /// <summary>Every message: <c>1:*</c>.</summary>
    public static SequenceSet All { get; } = From(1);

    /// <summary>The lone <c>*</c>: the last message in the mailbox (RFC 9051 §9).</summary>
    public static SequenceSet Largest { get; } = new(NumberSet.FromRanges([new NumberRange(NumberSet.Star, NumberSet.Star)]));

    /// <summary>
    /// <c>$</c>: the messages saved by the last <c>SEARCH RETURN (SAVE)</c> (RFC 5182 §2, RFC 9051 §6.4.4.1). Only the
    /// server knows its members; needs SEARCHRES or IMAP4rev2.
    /// </summary>
    public static SequenceSet SavedResult { get; } = new(NumberSet.SavedResult);

    /// <summary>True when the set has no member (and is not <see cref="SavedResult"/>).</summary>
    public bool IsEmpty => _set.IsEmpty;

    /// <summary>True when every member is known: the set has no <c>*</c> and is not <see cref="SavedResult"/>.</summary>
    public bool IsBounded => _set.IsBounded;

    /// <summary>True for <see cref="SavedResult"/>, <c>$</c>.</summary>
    public bool IsSavedResult => _set.IsSavedResult;

    /// <summary>
    /// The number of messages in a bounded set: at most <see cref="uint.MaxValue"/> (<c>1:4294967295</c>), so it always
    /// fits.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The set is not <see cref="IsBounded">bounded</see>: it holds <c>*</c> (as <c>1:*</c> does), whose value only the
    /// server knows, or it is <see cref="SavedResult"/>.
    /// </exception>
    public uint Count => _set.Count;

    /// <summary>The normalised ranges in ascending order; an open range (<c>n:*</c>) or a lone <c>*</c> comes last.</summary>
    public IReadOnlyList<SequenceRange> Ranges => _ranges ??= ConvertRanges(_set.Ranges);

    internal NumberSet Numbers => _set;

    internal static SequenceSet FromNumbers(NumberSet set) => new(set);

    /// <summary>True when both sets have the same members and the same <c>*</c>, or are both <c>$</c>.</summary>
    /// <param name="left">A set, or null.</param>
    /// <param name="right">A set, or null.</param>
    public static bool operator ==(SequenceSet? left, SequenceSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True when the sets differ.</summary>
    /// <param name="left">A set, or null.</param>
    /// <param name="right">A set, or null.</param>
    public static bool operator !=(SequenceSet? left, SequenceSet? right) => !(left == right);

    /// <summary>The set of the given sequence numbers, in any order, duplicates allowed.</summary>
    /// <param name="numbers">The numbers, each 1 to <see cref="uint.MaxValue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is 0.</exception>
    public static SequenceSet Create(IEnumerable<uint> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return new SequenceSet(NumberSet.FromNumbers(numbers, nameof(numbers)));
    }

    /// <summary>The set of every number from one to the other, given in either order (RFC 9051 §9 <c>seq-range</c>).</summary>
    /// <param name="first">One end, 1 or more.</param>
    /// <param name="last">The other end, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is 0.</exception>
    public static SequenceSet FromRange(uint first, uint last) =>
        new(NumberSet.FromRanges([new SequenceRange(first, last).ToNumberRange()]));

    /// <summary>
    /// The open set <c>first:*</c>: every message from number <paramref name="first"/> to the last, and the last
    /// message even when there are fewer than <paramref name="first"/> (RFC 9051 §9).
    /// </summary>
    /// <param name="first">The lower end, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is 0.</exception>
    public static SequenceSet From(uint first) => new(NumberSet.FromRanges([SequenceRange.From(first).ToNumberRange()]));

    /// <summary>The union of the given ranges, in any order, overlapping as they like.</summary>
    /// <param name="ranges">The ranges.</param>
    public static SequenceSet FromRanges(IEnumerable<SequenceRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return new SequenceSet(NumberSet.FromRanges(ranges.Select(static range => range.ToNumberRange()).ToArray()));
    }

    /// <summary>Parses a <c>sequence-set</c> (RFC 9051 §9) such as <c>1:3,5,7:*</c>, or <c>$</c> (RFC 5182 §3).</summary>
    /// <param name="text">The set, with nothing around it.</param>
    /// <exception cref="FormatException">The text is not a sequence-set: empty, an empty element, 0, a leading zero, a
    /// number past 4294967295, or any other character.</exception>
    public static SequenceSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var set) ? set : throw new FormatException($"'{text}' is not an IMAP sequence-set (RFC 9051 §9).");
    }

    /// <summary>Parses a <c>sequence-set</c> (RFC 9051 §9) such as <c>1:3,5,7:*</c>, or <c>$</c> (RFC 5182 §3).</summary>
    /// <param name="text">The set, with nothing around it.</param>
    /// <param name="set">The normalised set, when the text is valid.</param>
    /// <returns>False when the text is null or not a sequence-set.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SequenceSet? set)
    {
        set = null;
        if (text is null || !NumberSet.TryParse(text.AsSpan(), allowStarAndSaved: true, out var numbers))
        {
            return false;
        }

        set = new SequenceSet(numbers);
        return true;
    }

    /// <summary>
    /// Parses a set of sequence numbers sent by the server (ESEARCH ALL): numbers and ranges only, never <c>*</c> or
    /// <c>$</c>, so the result is always bounded.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SequenceSet? set)
    {
        set = null;
        if (!NumberSet.TryParse(utf8, allowStarAndSaved: false, out var numbers))
        {
            return false;
        }

        set = new SequenceSet(numbers);
        return true;
    }

    /// <summary>True when the number is a member, taking <c>n:*</c> as every number from n up; O(log n) in the ranges.</summary>
    /// <remarks>A lone <c>*</c> matches no number here: only the server knows which number it is.</remarks>
    /// <param name="number">The message sequence number.</param>
    /// <exception cref="InvalidOperationException">The set is <see cref="SavedResult"/>.</exception>
    public bool Contains(uint number) => _set.Contains(number);

    /// <summary>Membership once <c>*</c> is known to be <paramref name="largestInUse"/> (RFC 9051 §9).</summary>
    internal bool Contains(uint number, uint largestInUse) => _set.Contains(number, largestInUse);

    /// <summary>The numbers of a bounded set, ascending.</summary>
    /// <exception cref="InvalidOperationException">The set is not <see cref="IsBounded">bounded</see>.</exception>
    public IEnumerator<uint> GetEnumerator() => _set.Enumerate().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when both sets have the same members and the same <c>*</c>, or are both <c>$</c>.</summary>
    /// <param name="other">The other set.</param>
    public bool Equals([NotNullWhen(true)] SequenceSet? other) => other is not null && _set.Equals(other._set);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => Equals(obj as SequenceSet);

    /// <inheritdoc/>
    public override int GetHashCode() => _set.GetHashCode();

    /// <summary>The compact IMAP form (RFC 9051 §9): <c>1:3,5,7:*</c>, <c>$</c>, or empty for the empty set.</summary>
    public override string ToString() => _set.ToString();

    private static ReadOnlyCollection<SequenceRange> ConvertRanges(ReadOnlySpan<NumberRange> ranges)
    {
        var result = new SequenceRange[ranges.Length];
        for (int i = 0; i < ranges.Length; i++)
        {
            result[i] = SequenceRange.FromNumberRange(ranges[i]);
        }

        return Array.AsReadOnly(result);
    }
}
