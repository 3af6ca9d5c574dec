namespace Imap;

/// <summary>
/// What a search returns (RFC 4731 §3.1 <c>search-return-opt</c>, RFC 9051 §6.4.4, RFC 5182 §2). Without ESEARCH the
/// client computes MIN, MAX and COUNT from the full answer of a plain SEARCH.
/// </summary>
[Flags]
public enum SearchReturnOptions
{
    /// <summary>Nothing chosen: the same as <see cref="All"/>.</summary>
    None = 0,

    /// <summary>MIN: the lowest matching UID.</summary>
    Min = 1,

    /// <summary>MAX: the highest matching UID.</summary>
    Max = 2,

    /// <summary>COUNT: how many messages match.</summary>
    Count = 4,

    /// <summary>ALL: every matching UID, as a compact set.</summary>
    All = 8,

    /// <summary>
    /// SAVE: the server keeps the result as <c>$</c> for later commands (RFC 5182 §2; needs SEARCHRES or IMAP4rev2).
    /// Combined only with <see cref="Min"/> and/or <see cref="Max"/>, the server saves just those messages (RFC 5182
    /// §2.1).
    /// </summary>
    Save = 16,
}
