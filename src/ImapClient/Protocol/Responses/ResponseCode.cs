namespace Imap.Protocol.Responses;

/// <summary>
/// A response code, the bracketed part of a status response (RFC 9051 §7.1, <c>resp-text-code</c>). Only the fields
/// that belong to <see cref="Kind"/> are set.
/// </summary>
internal sealed record ResponseCode(ResponseCodeKind Kind, string Name)
{
    /// <summary>UIDNEXT, UIDVALIDITY, UNSEEN, APPENDLIMIT-style numbers, HIGHESTMODSEQ, APPENDUID's UIDVALIDITY.</summary>
    public ulong Number { get; init; }

    /// <summary>CAPABILITY, PERMANENTFLAGS, BADCHARSET: the listed atoms.</summary>
    public IReadOnlyList<string> Atoms { get; init; } = [];

    /// <summary>APPENDUID: the new UIDs. COPYUID: the source UIDs. MODIFIED: the set not stored.</summary>
    public UidSet? SourceSet { get; init; }

    /// <summary>COPYUID: the UIDs in the destination, in the order of <see cref="SourceSet"/>.</summary>
    public UidSet? DestinationSet { get; init; }

    /// <summary>MAILBOXID (RFC 8474) and METADATA's sub-code: the text argument.</summary>
    public string? Argument { get; init; }

    /// <summary>For a code this library does not know: its arguments, unparsed (may be empty).</summary>
    public string? RawArguments { get; init; }
}
