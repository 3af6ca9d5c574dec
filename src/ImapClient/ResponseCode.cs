namespace Imap;

/// <summary>
/// A response code: the bracketed part of a status response (RFC 9051 §7.1 <c>resp-text-code</c>), such as
/// <c>[TRYCREATE]</c>, <c>[COPYUID 7 1:3 10:12]</c> or <c>[NONEXISTENT]</c>. Codes this library knows have a
/// <see cref="Kind"/> and their arguments parsed; any other code is <see cref="ResponseCodeKind.Other"/> with its
/// name and raw arguments kept. Only the properties that belong to <see cref="Kind"/> are set.
/// </summary>
public sealed class ResponseCode
{
    internal ResponseCode(ResponseCodeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>What the code is.</summary>
    public ResponseCodeKind Kind { get; }

    /// <summary>The code's name as sent, e.g. "TRYCREATE".</summary>
    public string Name { get; }

    /// <summary>
    /// The number a code carries: UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, and the destination UIDVALIDITY of
    /// APPENDUID and COPYUID; 0 for other codes. A <see cref="ulong"/> so that it holds a mod-sequence as well as the
    /// 32-bit numbers; the typed values are on <see cref="SelectedMailbox"/>, <see cref="AppendResult"/> and
    /// <see cref="UidMap"/>.
    /// </summary>
    public ulong Number { get; internal init; }

    /// <summary>CAPABILITY, PERMANENTFLAGS, BADCHARSET: the listed atoms.</summary>
    public IReadOnlyList<string> Atoms { get; internal init; } = [];

    /// <summary>COPYUID: the source UIDs. MODIFIED: the UIDs (or sequence numbers) that were not stored.</summary>
    public UidSet? SourceSet { get; internal init; }

    /// <summary>APPENDUID: the new UIDs. COPYUID: the UIDs in the destination, in the order of <see cref="SourceSet"/>.</summary>
    public UidSet? DestinationSet { get; internal init; }

    /// <summary>MAILBOXID (RFC 8474) and METADATA's sub-code: the text argument.</summary>
    public string? Argument { get; internal init; }

    /// <summary>For a code this library does not know: its arguments, unparsed (may be empty).</summary>
    public string? RawArguments { get; internal init; }

    /// <summary>The code as it appeared, e.g. <c>TRYCREATE</c> or <c>UIDNEXT 42</c> (without brackets).</summary>
    public override string ToString() => RawArguments is { Length: > 0 } raw ? $"{Name} {raw}" : Name;
}
