using Imap.Protocol;

namespace Imap;

/// <summary>
/// One message flag (RFC 9051 §2.3.2): a system flag such as <see cref="Seen"/>, or a keyword such as <c>$Forwarded</c>
/// made with <see cref="Keyword(string)"/>. Flags compare ignoring case, as the RFC says they do.
/// </summary>
/// <remarks>
/// A flag that came from the server is kept as the server spelt it, including extension flags (<c>\</c> and an atom)
/// this library does not know. <c>default(MessageFlag)</c> is no flag; every API that takes one rejects it.
/// </remarks>
public readonly struct MessageFlag : IEquatable<MessageFlag>
{
    private readonly string? name;

    private MessageFlag(string name, SystemFlag system)
    {
        this.name = name;
        System = system;
    }

    /// <summary><c>\Seen</c>: the message has been read.</summary>
    public static MessageFlag Seen { get; } = new("\\Seen", SystemFlag.Seen);

    /// <summary><c>\Answered</c>: the message has been answered.</summary>
    public static MessageFlag Answered { get; } = new("\\Answered", SystemFlag.Answered);

    /// <summary><c>\Flagged</c>: the message is flagged for urgent or special attention.</summary>
    public static MessageFlag Flagged { get; } = new("\\Flagged", SystemFlag.Flagged);

    /// <summary><c>\Deleted</c>: the message is to be removed by a later EXPUNGE or CLOSE.</summary>
    public static MessageFlag Deleted { get; } = new("\\Deleted", SystemFlag.Deleted);

    /// <summary><c>\Draft</c>: the message is a draft.</summary>
    public static MessageFlag Draft { get; } = new("\\Draft", SystemFlag.Draft);

    /// <summary>
    /// <c>\Recent</c> (IMAP4rev1 only): the message arrived since the last session. Only the server sets it; it can be
    /// read and searched for, never stored or appended.
    /// </summary>
    public static MessageFlag Recent { get; } = new("\\Recent", SystemFlag.Recent);

    /// <summary>The flag as it goes on the wire, e.g. <c>\Seen</c> or <c>$Junk</c>; empty for <c>default</c>.</summary>
    public string Name => name ?? string.Empty;

    /// <summary>Whether this is a keyword (no leading <c>\</c>).</summary>
    public bool IsKeyword => name is not null && !name.StartsWith('\\');

    /// <summary>Whether this is one of the six system flags of RFC 3501 (the five of RFC 9051 and <c>\Recent</c>).</summary>
    public bool IsSystemFlag => System != SystemFlag.None;

    internal SystemFlag System { get; }

    internal bool IsDefault => name is null;

    /// <summary>Whether two flags are the same flag (ignoring case).</summary>
    /// <param name="left">A flag.</param>
    /// <param name="right">Another flag.</param>
    public static bool operator ==(MessageFlag left, MessageFlag right) => left.Equals(right);

    /// <summary>Whether two flags differ (ignoring case).</summary>
    /// <param name="left">A flag.</param>
    /// <param name="right">Another flag.</param>
    public static bool operator !=(MessageFlag left, MessageFlag right) => !left.Equals(right);

    /// <summary>Both flags, as a set.</summary>
    /// <param name="left">A flag.</param>
    /// <param name="right">Another flag.</param>
    public static FlagSet operator |(MessageFlag left, MessageFlag right) => FlagSet.Create(left, right);

    /// <summary>
    /// A keyword (RFC 9051 §9 <c>flag-keyword</c>): an atom without <c>\</c>, such as <c>$Forwarded</c>, <c>$Junk</c> or
    /// <c>Important</c>. Checked here, once, so that a keyword never reaches the wire malformed.
    /// </summary>
    /// <param name="keyword">The keyword.</param>
    /// <exception cref="ArgumentException">Empty, or holds a character an atom cannot (space, parentheses, braces,
    /// quotes, <c>%</c>, <c>*</c>, <c>]</c>, <c>\</c>, control characters or non-ASCII).</exception>
    public static MessageFlag Keyword(string keyword)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyword);
        foreach (char c in keyword)
        {
            if (c > 0x7F || c == '\\' || !CharClass.Is((byte)c, CharClass.Atom))
            {
                throw new ArgumentException(
                    $"A keyword is an atom (RFC 9051 §9 flag-keyword): '{Escape(keyword)}' holds '{Escape(c.ToString())}', which an atom cannot.",
                    nameof(keyword));
            }
        }

        return new MessageFlag(keyword, SystemFlag.None);
    }

    /// <summary>Both flags, as a set (the <c>|</c> operator for languages without operators).</summary>
    /// <param name="left">A flag.</param>
    /// <param name="right">Another flag.</param>
    public static FlagSet BitwiseOr(MessageFlag left, MessageFlag right) => left | right;

    /// <inheritdoc/>
    public bool Equals(MessageFlag other) => string.Equals(name, other.name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MessageFlag other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>A flag as the server sent it (already read as <c>flag</c> by the parser; not checked again).</summary>
    internal static MessageFlag FromServer(string name) => new(name, SystemFlagNames.Parse(name));

    private static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c < 0x20 || c == 0x7F ? $"\\x{(int)c:X2}" : c.ToString());
        }

        return builder.ToString();
    }
}
