namespace Imap.Protocol;

/// <summary>What the connection's capabilities allow a <see cref="CommandWriter"/> to send.</summary>
/// <param name="LiteralMode">Which literal forms the server accepts (RFC 7888).</param>
/// <param name="Utf8">
/// True when UTF-8 is in force: UTF8=ACCEPT was enabled (RFC 6855 §3) or IMAP4rev2 is in use (RFC 9051 §5.1). Then
/// quoted strings may hold UTF-8 and mailbox names are sent in UTF-8 instead of modified UTF-7.
/// </param>
internal readonly record struct CommandWriterOptions(LiteralMode LiteralMode, bool Utf8)
{
    /// <summary>
    /// The connection's names that do not round-trip (<see cref="MailboxNameTable"/>), written as the server's bytes;
    /// null for none. Compared by reference: one table per connection.
    /// </summary>
    public MailboxNameTable? Names { get; init; }

    /// <summary>Largest literal that LITERAL- lets the client send without waiting for "+" (RFC 7888 §4).</summary>
    public const int LiteralMinusLimit = 4096;

    /// <summary>Plain IMAP4rev1 with no extension: synchronizing literals, no UTF-8.</summary>
    public static CommandWriterOptions Default => default;

    /// <summary>The options the server's capabilities and the enabled extensions allow.</summary>
    /// <param name="literalPlus">LITERAL+ is advertised.</param>
    /// <param name="literalMinus">LITERAL- or IMAP4rev2 is advertised (IMAP4rev2 includes LITERAL-, RFC 9051 §4.3).</param>
    /// <param name="utf8">UTF8=ACCEPT or IMAP4rev2 has been enabled (RFC 6855 §3, RFC 9051 §5.1).</param>
    public static CommandWriterOptions FromCapabilities(bool literalPlus, bool literalMinus, bool utf8) =>
        new(literalPlus ? LiteralMode.LiteralPlus : literalMinus ? LiteralMode.LiteralMinus : LiteralMode.Synchronizing, utf8);
}
