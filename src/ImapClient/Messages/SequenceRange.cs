namespace Imap;

/// <summary>
/// One element of a <see cref="SequenceSet"/>: a <c>seq-range</c> or <c>seq-number</c> of message sequence numbers
/// (RFC 9051 §9). A null <see cref="First"/> or <see cref="Last"/> stands for <c>*</c>, the number of messages in the
/// mailbox, which only the server knows for sure.
/// </summary>
/// <remarks><c>default(SequenceRange)</c> is <see cref="Largest"/>, the lone <c>*</c>.</remarks>
public readonly record struct SequenceRange
{
    // 0 stands for "*"; no message sequence number is 0.
    private readonly uint _first;
    private readonly uint _last;

    /// <summary>Creates the range of every number from one to the other, given in either order (RFC 9051 §9 <c>seq-range</c>).</summary>
    /// <param name="first">One end, 1 or more.</param>
    /// <param name="last">The other end, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is 0.</exception>
    public SequenceRange(uint first, uint last)
    {
        ArgumentOutOfRangeException.ThrowIfZero(first);
        ArgumentOutOfRangeException.ThrowIfZero(last);
        _first = Math.Min(first, last);
        _last = Math.Max(first, last);
    }

    private SequenceRange(NumberRange range)
    {
        _first = range.Start == NumberSet.Star ? 0 : (uint)range.Start;
        _last = range.End == NumberSet.Star ? 0 : (uint)range.End;
    }

    /// <summary>The lone <c>*</c>: the last message in the mailbox (RFC 9051 §9 <c>seq-number</c>).</summary>
    public static SequenceRange Largest => default;

    /// <summary>The lower end, or null when the range is the lone <c>*</c>.</summary>
    public uint? First => _first == 0 ? null : _first;

    /// <summary>The upper end, or null for <c>*</c> (the range is open: <c>first:*</c>).</summary>
    public uint? Last => _last == 0 ? null : _last;

    /// <summary>True when both ends are numbers, not <c>*</c>.</summary>
    public bool IsBounded => _last != 0;

    /// <summary>
    /// The range <c>first:*</c>: every message from number <paramref name="first"/> to the last, and the last message
    /// even when there are fewer than <paramref name="first"/> (RFC 9051 §9).
    /// </summary>
    /// <param name="first">The lower end, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is 0.</exception>
    public static SequenceRange From(uint first)
    {
        ArgumentOutOfRangeException.ThrowIfZero(first);
        return new SequenceRange(new NumberRange(first, NumberSet.Star));
    }

    /// <summary>The IMAP form: <c>7</c>, <c>3:9</c>, <c>5:*</c> or <c>*</c>.</summary>
    public override string ToString() => ToNumberRange().ToString();

    internal NumberRange ToNumberRange() =>
        new(_first == 0 ? NumberSet.Star : _first, _last == 0 ? NumberSet.Star : _last);

    internal static SequenceRange FromNumberRange(NumberRange range) => new(range);
}
