namespace Imap;

/// <summary>One sort key with its direction (RFC 5256 §3 <c>sort-criterion</c>: <c>["REVERSE" SP] sort-key</c>).</summary>
/// <param name="Key">What to sort by.</param>
/// <param name="Reverse">Whether to sort in descending order (REVERSE).</param>
public readonly record struct SortCriterion(SortKey Key, bool Reverse = false)
{
    /// <summary>ARRIVAL, ascending.</summary>
    public static SortCriterion Arrival => new(SortKey.Arrival);

    /// <summary>CC, ascending.</summary>
    public static SortCriterion Cc => new(SortKey.Cc);

    /// <summary>DATE, ascending.</summary>
    public static SortCriterion Date => new(SortKey.Date);

    /// <summary>FROM, ascending.</summary>
    public static SortCriterion From => new(SortKey.From);

    /// <summary>SIZE, ascending.</summary>
    public static SortCriterion Size => new(SortKey.Size);

    /// <summary>SUBJECT, ascending.</summary>
    public static SortCriterion Subject => new(SortKey.Subject);

    /// <summary>TO, ascending.</summary>
    public static SortCriterion To => new(SortKey.To);

    /// <summary>DISPLAYFROM, ascending (RFC 5957).</summary>
    public static SortCriterion DisplayFrom => new(SortKey.DisplayFrom);

    /// <summary>DISPLAYTO, ascending (RFC 5957).</summary>
    public static SortCriterion DisplayTo => new(SortKey.DisplayTo);

    /// <summary>The same key in the other direction (REVERSE toggled).</summary>
    public SortCriterion Reversed() => this with { Reverse = !Reverse };

    /// <summary>The IMAP form, such as <c>REVERSE DATE</c>.</summary>
    public override string ToString() => (Reverse ? "REVERSE " : string.Empty) + Name(Key);

    internal static string Name(SortKey key) => key switch
    {
        SortKey.Arrival => "ARRIVAL",
        SortKey.Cc => "CC",
        SortKey.Date => "DATE",
        SortKey.From => "FROM",
        SortKey.Size => "SIZE",
        SortKey.Subject => "SUBJECT",
        SortKey.To => "TO",
        SortKey.DisplayFrom => "DISPLAYFROM",
        SortKey.DisplayTo => "DISPLAYTO",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown sort key."),
    };
}
