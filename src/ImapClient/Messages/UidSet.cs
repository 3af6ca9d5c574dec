using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Imap;

/// <summary>
/// An immutable set of UIDs: the <c>sequence-set</c> of a UID command (RFC 9051 §9, §6.4.9). It is kept normalised,
/// as sorted ranges that neither overlap nor touch, so <c>1:4000000000</c> costs one range, and it prints in the
/// compact IMAP form (<c>1:3,5,7:*</c>).
/// </summary>
/// <remarks>
/// <para>
/// A set may end with <c>*</c>, the largest UID in use, which only the server knows. Such a set is not
/// <see cref="IsBounded">bounded</see>: it cannot be counted or enumerated. Note RFC 9051 §9: <c>n:*</c> always
/// includes the largest UID, even when that is below n, so <c>UID FETCH 500:*</c> in a mailbox whose largest UID is
/// 300 returns message 300.
/// </para>
/// <para>The set may instead be <see cref="SavedResult"/>, <c>$</c> (RFC 5182, RFC 9051 §6.4.4.1).</para>
/// </remarks>
public sealed class UidSet : IEquatable<UidSet>, IEnumerable<Uid>
{
    private readonly NumberSet _set;
    private IReadOnlyList<UidRange>? _ranges;

    private UidSet(NumberSet set) => _set = set;

    /// <summary>The empty set. It cannot be sent: a <c>sequence-set</c> has at least one element.</summary>
    public static UidSet Empty { get; } = new(default(NumberSet));

    /// <summary>Every UID: <c>1:*</c>.</summary>
    public static UidSet All { get; } = From(Uid.MinValue);

    /// <summary>The lone <c>*</c>: the largest UID in use, or UIDNEXT when the mailbox is empty (RFC 9051 §9).</summary>
    public static UidSet Largest { get; } = new(NumberSet.FromRanges([new NumberRange(NumberSet.Star, NumberSet.Star)]));

    /// <summary>
    /// <c>$</c>: the UIDs saved by the last <c>SEARCH RETURN (SAVE)</c> (RFC 5182 §2, RFC 9051 §6.4.4.1). Only the
    /// server knows its members; needs SEARCHRES or IMAP4rev2.
    /// </summary>
    public static UidSet SavedResult { get; } = new(NumberSet.SavedResult);

    /// <summary>True when the set has no member (and is not <see cref="SavedResult"/>).</summary>
    public bool IsEmpty => _set.IsEmpty;

    /// <summary>True when every member is known: the set has no <c>*</c> and is not <see cref="SavedResult"/>.</summary>
    public bool IsBounded => _set.IsBounded;

    /// <summary>True for <see cref="SavedResult"/>, <c>$</c>.</summary>
    public bool IsSavedResult => _set.IsSavedResult;

    /// <summary>
    /// The number of UIDs in a bounded set: at most <see cref="uint.MaxValue"/> (<c>1:4294967295</c>), so it always
    /// fits.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The set is not <see cref="IsBounded">bounded</see>: it holds <c>*</c> (as <c>1:*</c> does), whose value only the
    /// server knows, or it is <see cref="SavedResult"/>.
    /// </exception>
    public uint Count => _set.Count;

    /// <summary>The normalised ranges in ascending order; an open range (<c>n:*</c>) or a lone <c>*</c> comes last.</summary>
    public IReadOnlyList<UidRange> Ranges => _ranges ??= ConvertRanges(_set.Ranges);

    internal NumberSet Numbers => _set;

    internal static UidSet FromNumbers(NumberSet set) => new(set);

    /// <summary>Every UID of this set and the other (both bounded).</summary>
    internal UidSet Union(UidSet other) =>
        IsEmpty ? other : other.IsEmpty ? this : new(NumberSet.FromRanges([.. _set.Ranges, .. other._set.Ranges]));

    /// <summary>True when both sets have the same members and the same <c>*</c>, or are both <c>$</c>.</summary>
    /// <param name="left">A set, or null.</param>
    /// <param name="right">A set, or null.</param>
    public static bool operator ==(UidSet? left, UidSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True when the sets differ.</summary>
    /// <param name="left">A set, or null.</param>
    /// <param name="right">A set, or null.</param>
    public static bool operator !=(UidSet? left, UidSet? right) => !(left == right);

    /// <summary>The set of one UID.</summary>
    /// <param name="uid">The UID.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="uid"/> is <c>default</c> (0).</exception>
    public static UidSet Create(Uid uid) => FromRange(uid, uid);

    /// <summary>The set of the given UIDs, in any order, duplicates allowed.</summary>
    /// <param name="uids">The UIDs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A UID is <c>default</c> (0).</exception>
    public static UidSet Create(IEnumerable<Uid> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        return new UidSet(NumberSet.FromNumbers(uids.Select(static uid => uid.Value), nameof(uids)));
    }

    /// <summary>The set of the given UIDs as numbers, in any order, duplicates allowed.</summary>
    /// <param name="uids">The UIDs, each 1 to <see cref="uint.MaxValue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is 0.</exception>
    public static UidSet Create(IEnumerable<uint> uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        return new UidSet(NumberSet.FromNumbers(uids, nameof(uids)));
    }

    /// <summary>The set of every UID from one to the other, given in either order (RFC 9051 §9 <c>seq-range</c>).</summary>
    /// <param name="first">One end.</param>
    /// <param name="last">The other end.</param>
    /// <exception cref="ArgumentOutOfRangeException">A UID is <c>default</c> (0).</exception>
    public static UidSet FromRange(Uid first, Uid last) => new(NumberSet.FromRanges([new UidRange(first, last).ToNumberRange()]));

    /// <summary>
    /// The open set <c>first:*</c>: every UID from <paramref name="first"/> up, and the largest UID in use even when it
    /// is below <paramref name="first"/> (RFC 9051 §9).
    /// </summary>
    /// <param name="first">The lower end.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is <c>default</c> (0).</exception>
    public static UidSet From(Uid first) => new(NumberSet.FromRanges([UidRange.From(first).ToNumberRange()]));

    /// <summary>The union of the given ranges, in any order, overlapping as they like.</summary>
    /// <param name="ranges">The ranges.</param>
    public static UidSet FromRanges(IEnumerable<UidRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return new UidSet(NumberSet.FromRanges(ranges.Select(static range => range.ToNumberRange()).ToArray()));
    }

    /// <summary>Parses a <c>sequence-set</c> (RFC 9051 §9) such as <c>1:3,5,7:*</c>, or <c>$</c> (RFC 5182 §3).</summary>
    /// <param name="text">The set, with nothing around it.</param>
    /// <exception cref="FormatException">The text is not a sequence-set: empty, an empty element, 0, a leading zero, a
    /// number past 4294967295, or any other character.</exception>
    public static UidSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var set) ? set : throw new FormatException($"'{text}' is not an IMAP sequence-set (RFC 9051 §9).");
    }

    /// <summary>Parses a <c>sequence-set</c> (RFC 9051 §9) such as <c>1:3,5,7:*</c>, or <c>$</c> (RFC 5182 §3).</summary>
    /// <param name="text">The set, with nothing around it.</param>
    /// <param name="set">The normalised set, when the text is valid.</param>
    /// <returns>False when the text is null or not a sequence-set.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UidSet? set)
    {
        set = null;
        if (text is null || !NumberSet.TryParse(text.AsSpan(), allowStarAndSaved: true, out var numbers))
        {
            return false;
        }

        set = new UidSet(numbers);
        return true;
    }

    /// <summary>
    /// Parses a set of UIDs sent by the server (COPYUID, VANISHED, ESEARCH ALL): numbers and ranges only, never
    /// <c>*</c> (RFC 7162 §7 <c>known-uids</c>) or <c>$</c>, so the result is always bounded.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out UidSet? set)
    {
        set = null;
        if (!NumberSet.TryParse(utf8, allowStarAndSaved: false, out var numbers))
        {
            return false;
        }

        set = new UidSet(numbers);
        return true;
    }

    /// <summary>True when the UID is a member, taking <c>n:*</c> as every UID from n up; O(log n) in the ranges.</summary>
    /// <remarks>A lone <c>*</c> matches no UID here: only the server knows which UID it is.</remarks>
    /// <param name="uid">The UID.</param>
    /// <exception cref="InvalidOperationException">The set is <see cref="SavedResult"/>.</exception>
    public bool Contains(Uid uid) => _set.Contains(uid.Value);

    /// <summary>True when the UID is a member, taking <c>n:*</c> as every UID from n up; O(log n) in the ranges.</summary>
    /// <remarks>A lone <c>*</c> matches no UID here: only the server knows which UID it is.</remarks>
    /// <param name="uid">The UID as a number.</param>
    /// <exception cref="InvalidOperationException">The set is <see cref="SavedResult"/>.</exception>
    public bool Contains(uint uid) => _set.Contains(uid);

    /// <summary>Membership once <c>*</c> is known to be <paramref name="largestInUse"/> (RFC 9051 §9).</summary>
    internal bool Contains(uint uid, uint largestInUse) => _set.Contains(uid, largestInUse);

    /// <summary>The UIDs of a bounded set, ascending.</summary>
    /// <exception cref="InvalidOperationException">The set is not <see cref="IsBounded">bounded</see>.</exception>
    public IEnumerator<Uid> GetEnumerator() => _set.Enumerate().Select(static value => new Uid(value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when both sets have the same members and the same <c>*</c>, or are both <c>$</c>.</summary>
    /// <param name="other">The other set.</param>
    public bool Equals([NotNullWhen(true)] UidSet? other) => other is not null && _set.Equals(other._set);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => Equals(obj as UidSet);

    /// <inheritdoc/>
    public override int GetHashCode() => _set.GetHashCode();

    /// <summary>The compact IMAP form (RFC 9051 §9): <c>1:3,5,7:*</c>, <c>$</c>, or empty for the empty set.</summary>
    public override string ToString() => _set.ToString();

    private static ReadOnlyCollection<UidRange> ConvertRanges(ReadOnlySpan<NumberRange> ranges)
    {
        var result = new UidRange[ranges.Length];
        for (int i = 0; i < ranges.Length; i++)
        {
            result[i] = UidRange.FromNumberRange(ranges[i]);
        }

        return Array.AsReadOnly(result);
    }
}
