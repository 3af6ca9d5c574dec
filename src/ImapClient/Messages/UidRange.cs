namespace Imap;

/// <summary>
/// One element of a <see cref="UidSet"/>: a <c>seq-range</c> or <c>seq-number</c> of UIDs (RFC 9051 §9). A null
/// <see cref="First"/> or <see cref="Last"/> stands for <c>*</c>, the largest UID in use, which only the server knows.
/// </summary>
/// <remarks><c>default(UidRange)</c> is <see cref="Largest"/>, the lone <c>*</c>.</remarks>
public readonly record struct UidRange
{
    // 0 stands for "*"; no UID is 0.
    private readonly uint _first;
    private readonly uint _last;

    /// <summary>Creates the range of every UID from one to the other, given in either order (RFC 9051 §9 <c>seq-range</c>).</summary>
    /// <param name="first">One end.</param>
    /// <param name="last">The other end.</param>
    /// <exception cref="ArgumentOutOfRangeException">A UID is <c>default</c> (0).</exception>
    public UidRange(Uid first, Uid last)
    {
        ArgumentOutOfRangeException.ThrowIfZero(first.Value, nameof(first));
        ArgumentOutOfRangeException.ThrowIfZero(last.Value, nameof(last));
        _first = Math.Min(first.Value, last.Value);
        _last = Math.Max(first.Value, last.Value);
    }

    private UidRange(NumberRange range)
    {
        _first = range.Start == NumberSet.Star ? 0 : (uint)range.Start;
        _last = range.End == NumberSet.Star ? 0 : (uint)range.End;
    }

    /// <summary>The lone <c>*</c>: the largest UID in use (RFC 9051 §9 <c>seq-number</c>).</summary>
    public static UidRange Largest => default;

    /// <summary>The lower end, or null when the range is the lone <c>*</c>.</summary>
    public Uid? First => _first == 0 ? null : new Uid(_first);

    /// <summary>The upper end, or null for <c>*</c> (the range is open: <c>first:*</c>).</summary>
    public Uid? Last => _last == 0 ? null : new Uid(_last);

    /// <summary>True when both ends are UIDs, not <c>*</c>.</summary>
    public bool IsBounded => _last != 0;

    /// <summary>The range <c>first:*</c>: every UID from <paramref name="first"/> up, and the largest UID in use (RFC 9051 §9).</summary>
    /// <param name="first">The lower end.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="first"/> is <c>default</c> (0).</exception>
    public static UidRange From(Uid first)
    {
        ArgumentOutOfRangeException.ThrowIfZero(first.Value, nameof(first));
        return new UidRange(new NumberRange(first.Value, NumberSet.Star));
    }

    /// <summary>The IMAP form: <c>7</c>, <c>3:9</c>, <c>5:*</c> or <c>*</c>.</summary>
    public override string ToString() => ToNumberRange().ToString();

    internal NumberRange ToNumberRange() =>
        new(_first == 0 ? NumberSet.Star : _first, _last == 0 ? NumberSet.Star : _last);

    internal static UidRange FromNumberRange(NumberRange range) => new(range);
}
