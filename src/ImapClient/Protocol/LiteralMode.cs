namespace Imap.Protocol;

/// <summary>Which literal forms the server accepts from the client (RFC 9051 §4.3, RFC 7888).</summary>
internal enum LiteralMode
{
    /// <summary>Only synchronizing literals <c>{n}</c>: the client waits for "+" after each header (RFC 3501 §7.5).</summary>
    Synchronizing,

    /// <summary>LITERAL+: every literal may be non-synchronizing, <c>{n+}</c> (RFC 7888 §3).</summary>
    LiteralPlus,

    /// <summary>
    /// LITERAL-, and IMAP4rev2 which includes it: <c>{n+}</c> only for literals of at most 4096 octets, larger ones
    /// synchronize (RFC 7888 §4, RFC 9051 §4.3).
    /// </summary>
    LiteralMinus,
}
