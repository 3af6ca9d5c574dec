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
}
