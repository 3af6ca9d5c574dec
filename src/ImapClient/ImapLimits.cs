namespace Imap;

/// <summary>
/// Bounds on everything a server controls, checked before anything is read into memory or allocated.
/// The defaults are safe for any mailbox a person reads; raise them only for a server you trust.
/// </summary>
public sealed record ImapLimits
{
    /// <summary>The defaults.</summary>
    public static ImapLimits Default { get; } = new();

    /// <summary>
    /// Most bytes in one line of a response, outside its literals. Default 8 MiB (a SEARCH result of a million
    /// UIDs fits).
    /// </summary>
    public int MaxLineLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Largest literal that is buffered in memory: every literal except message bodies, which are streamed.
    /// Default 16 MiB.
    /// </summary>
    public long MaxLiteralSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most bytes buffered for one response, lines and non-body literals together. Default 64 MiB.</summary>
    public long MaxResponseSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Deepest nesting of parenthesised lists (BODYSTRUCTURE, extension data, THREAD). Default 64.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Most literals in one response. Default 1,000,000.</summary>
    public int MaxLiteralsPerResponse { get; init; } = 1_000_000;

    /// <summary>Largest message body or part that is accepted (it is streamed, never buffered). Default 1 TiB.</summary>
    public long MaxBodySize { get; init; } = 1L << 40;

    /// <summary>
    /// Most challenges the server may send in one AUTHENTICATE exchange (RFC 9051 §6.2.2); past it the client cancels
    /// with "*". Default 10: SCRAM needs two, LOGIN two, PLAIN and the OAuth mechanisms at most one.
    /// </summary>
    public int MaxSaslRounds { get; init; } = 10;

    /// <summary>Most bytes in one decoded SASL challenge; checked on the base64 length before decoding. Default 64 KiB.</summary>
    public int MaxSaslChallengeSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Largest SCRAM iteration count (RFC 5802 §5.1 <c>i=</c>) the client will compute. The count is the server's to
    /// choose and the client pays for it (one PBKDF2 round per count), so a hostile server could ask for billions.
    /// Default 65,536: sixteen times the 4,096 of RFC 7677 §4 that Dovecot and Cyrus use, and above the 10,000 to
    /// 15,000 other servers pick; a few tens of milliseconds of CPU. Raise it for a server configured higher.
    /// </summary>
    public int MaxScramIterations { get; init; } = 65_536;
}
