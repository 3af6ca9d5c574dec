using System.Globalization;
using System.Text;
using Imap.Protocol;

namespace Imap;

/// <summary>
/// A part of a message to fetch (RFC 9051 §6.4.5 <c>section</c> and <c>partial</c>): the whole message, its header,
/// some header fields, its text, a MIME part by its path, that part's MIME header, and optionally a range of octets.
/// Built from typed pieces and checked when made, so that nothing a caller passes reaches the wire unchecked.
/// </summary>
/// <example>
/// <code>
/// BodySection.HeaderFields("List-Id", "X-Priority");
/// BodySection.Part(summary.Body!.Flatten().First(p => p.IsMediaType("text", "plain")));
/// BodySection.Full.Slice(0, 1024);
/// </code>
/// </example>
public sealed class BodySection : IEquatable<BodySection>
{
    private readonly int[] path;
    private readonly string[] fields;
    private string? spec;

    private BodySection(int[] path, SectionText text, string[] fields, long? offset, long? length)
    {
        this.path = path;
        this.fields = fields;
        Text = text;
        PartialOffset = offset;
        PartialLength = length;
    }

    /// <summary>The whole message, header and text (<c>BODY[]</c>).</summary>
    public static BodySection Full { get; } = new([], SectionText.All, [], null, null);

    /// <summary>The message's header (<c>BODY[HEADER]</c>).</summary>
    public static BodySection Header { get; } = new([], SectionText.Header, [], null, null);

    /// <summary>The message's text, without the header (<c>BODY[TEXT]</c>).</summary>
    public static BodySection TextOnly { get; } = new([], SectionText.Text, [], null, null);

    /// <summary>The part path, e.g. [1, 2] for part 1.2; empty for the message itself.</summary>
    public IReadOnlyList<int> PartPath => path;

    /// <summary>Which text of the message or part.</summary>
    public SectionText Text { get; }

    /// <summary>For <see cref="SectionText.HeaderFields"/> and <see cref="SectionText.HeaderFieldsNot"/>: the field names.</summary>
    public IReadOnlyList<string> FieldNames => fields;

    /// <summary>The first octet of a partial fetch, or null for the whole section.</summary>
    public long? PartialOffset { get; }

    /// <summary>The number of octets of a partial fetch, or null for the whole section.</summary>
    public long? PartialLength { get; }

    /// <summary>Whether two sections are the same, ignoring the case of field names.</summary>
    /// <param name="left">A section.</param>
    /// <param name="right">Another.</param>
    public static bool operator ==(BodySection? left, BodySection? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two sections differ.</summary>
    /// <param name="left">A section.</param>
    /// <param name="right">Another.</param>
    public static bool operator !=(BodySection? left, BodySection? right) => !(left == right);

    /// <summary>Only these header fields of the message (<c>BODY[HEADER.FIELDS (...)]</c>).</summary>
    /// <param name="names">Field names (RFC 5322 <c>field-name</c>: printable ASCII except ":"), e.g. "List-Id".</param>
    /// <exception cref="ArgumentException">No name, or a name that is not a field name.</exception>
    public static BodySection HeaderFields(params IEnumerable<string> names) => new([], SectionText.HeaderFields, CheckFields(names), null, null);

    /// <summary>Every header field except these (<c>BODY[HEADER.FIELDS.NOT (...)]</c>).</summary>
    /// <param name="names">Field names to leave out.</param>
    /// <exception cref="ArgumentException">No name, or a name that is not a field name.</exception>
    public static BodySection HeaderFieldsExcept(params IEnumerable<string> names) => new([], SectionText.HeaderFieldsNot, CheckFields(names), null, null);

    /// <summary>The content of a MIME part, as BODYSTRUCTURE described it (<c>BODY[1.2]</c>), still transfer-encoded.</summary>
    /// <param name="part">A part from <see cref="MessageSummary.Body"/>.</param>
    /// <exception cref="ArgumentException">The part is the top-level multipart, which has no path of its own.</exception>
    public static BodySection Part(BodyPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return new(ParsePath(part.Section, nameof(part)), SectionText.All, [], null, null);
    }

    /// <summary>The content of the MIME part with this path (<c>BODY[1.2]</c> for 1, 2).</summary>
    /// <param name="path">Part numbers, each 1 or more.</param>
    /// <exception cref="ArgumentException">An empty path or a number below 1.</exception>
    public static BodySection Part(params IEnumerable<int> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int[] numbers = [.. path];
        if (numbers.Length == 0 || Array.Exists(numbers, static n => n < 1))
        {
            throw new ArgumentException("A part path is one or more numbers, each 1 or more (RFC 9051 §6.4.5 section-part).", nameof(path));
        }

        return new(numbers, SectionText.All, [], null, null);
    }

    /// <summary>The MIME header of a part (<c>BODY[1.2.MIME]</c>).</summary>
    /// <param name="part">A part from <see cref="MessageSummary.Body"/>.</param>
    public static BodySection Mime(BodyPart part) => Part(part).With(SectionText.Mime, []);

    /// <summary>
    /// The same text, of the message/rfc822 part at <paramref name="part"/> instead of the message: for example
    /// <c>BodySection.Header.Of(attachedMessage)</c> is <c>BODY[2.HEADER]</c>.
    /// </summary>
    /// <param name="part">A part from <see cref="MessageSummary.Body"/>.</param>
    public BodySection Of(BodyPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return new(ParsePath(part.Section, nameof(part)), Text, fields, PartialOffset, PartialLength);
    }

    /// <summary>Only <paramref name="length"/> octets from <paramref name="offset"/> (<c>&lt;offset.length&gt;</c>).</summary>
    /// <param name="offset">The first octet, 0 or more.</param>
    /// <param name="length">How many octets, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset or a length below 1.</exception>
    public BodySection Slice(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new(path, Text, fields, offset, length);
    }

    /// <inheritdoc/>
    public bool Equals(BodySection? other) =>
        other is not null && Text == other.Text && path.AsSpan().SequenceEqual(other.path)
        && PartialOffset == other.PartialOffset && PartialLength == other.PartialLength
        && fields.Length == other.fields.Length
        && fields.Zip(other.fields).All(static p => p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BodySection);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, path.Length == 0 ? 0 : path[^1], path.Length, PartialOffset, PartialLength);

    /// <summary>The section as it appears in a FETCH, e.g. <c>BODY[1.2.MIME]</c> or <c>BODY[]&lt;0.1024&gt;</c>.</summary>
    public override string ToString() =>
        $"BODY[{Spec}]" + (PartialOffset is { } o ? string.Create(CultureInfo.InvariantCulture, $"<{o}.{PartialLength}>") : string.Empty);

    /// <summary>The section-spec between the brackets, e.g. <c>1.HEADER.FIELDS (SUBJECT)</c>.</summary>
    internal string Spec => spec ??= BuildSpec();

    /// <summary>Writes <c>BODY[spec]</c> or <c>BODY.PEEK[spec]</c> and the partial range.</summary>
    internal void Write(CommandWriter writer, bool peek) => Write(writer, peek, binary: false);

    /// <summary>
    /// Writes the section as BODY, BODY.PEEK or, when <paramref name="binary"/>, as RFC 3516 BINARY or BINARY.PEEK (only
    /// a part path: BINARY takes no HEADER, TEXT or MIME).
    /// </summary>
    internal void Write(CommandWriter writer, bool peek, bool binary)
    {
        writer.WriteRaw((peek, binary) switch
        {
            (true, false) => "BODY.PEEK["u8,
            (false, false) => "BODY["u8,
            (true, true) => "BINARY.PEEK["u8,
            _ => "BINARY["u8,
        });
        WritePath(writer);
        if (Text is SectionText.HeaderFields or SectionText.HeaderFieldsNot)
        {
            writer.WriteRaw(Text == SectionText.HeaderFields ? "HEADER.FIELDS ("u8 : "HEADER.FIELDS.NOT ("u8);
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    writer.WriteSpace();
                }

                writer.WriteAstring(fields[i]);
            }

            writer.WriteRaw(")"u8);
        }
        else
        {
            writer.WriteRaw(TextKeyword(Text));
        }

        writer.WriteRaw("]"u8);
        if (PartialOffset is { } offset)
        {
            writer.WriteRaw("<"u8);
            writer.WriteNumber((ulong)offset);
            writer.WriteRaw("."u8);
            writer.WriteNumber((ulong)PartialLength!.Value);
            writer.WriteRaw(">"u8);
        }
    }

    /// <summary>
    /// Whether a section the server sent back (its section-spec and origin) answers this request. The field list is
    /// not compared: servers may echo it in another case or form.
    /// </summary>
    internal bool Matches(string responseSpec, ulong? origin)
    {
        if ((PartialOffset is { } o ? (ulong)o : (ulong?)null) != origin)
        {
            return false;
        }

        string mine = Spec;
        int cut = mine.IndexOf(" (", StringComparison.Ordinal);
        if (cut >= 0)
        {
            int theirs = responseSpec.IndexOf(" (", StringComparison.Ordinal);
            return theirs == cut && string.Compare(mine, 0, responseSpec, 0, cut, StringComparison.OrdinalIgnoreCase) == 0;
        }

        return mine.Equals(responseSpec, StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<byte> TextKeyword(SectionText text) => text switch
    {
        SectionText.Header => "HEADER"u8,
        SectionText.Text => "TEXT"u8,
        SectionText.Mime => "MIME"u8,
        _ => default,
    };

    private static string[] CheckFields(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] list = [.. names];
        if (list.Length == 0)
        {
            throw new ArgumentException("Name at least one header field (RFC 9051 §9 header-list).", nameof(names));
        }

        foreach (string name in list)
        {
            // RFC 5322 field-name = 1*ftext; ftext = %d33-57 / %d59-126. Parentheses, quotes and backslashes would need
            // quoting in an astring; no real field name has them, so they are refused too.
            if (string.IsNullOrEmpty(name) || name.Any(static c => c is < '!' or > '~' or ':' or '(' or ')' or '"' or '\\' or '{' or '%' or '*' or ']'))
            {
                throw new ArgumentException($"\"{name}\" is not a header field name (RFC 5322 §3.6.8).", nameof(names));
            }
        }

        return list;
    }

    private static int[] ParsePath(string section, string paramName)
    {
        if (section.Length == 0)
        {
            throw new ArgumentException("The top-level multipart has no part path: use BodySection.Full or BodySection.TextOnly.", paramName);
        }

        string[] pieces = section.Split('.');
        var numbers = new int[pieces.Length];
        for (int i = 0; i < pieces.Length; i++)
        {
            if (!int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] < 1)
            {
                throw new ArgumentException($"\"{section}\" is not a part path.", paramName);
            }
        }

        return numbers;
    }

    /// <summary>The same section without its partial range.</summary>
    internal BodySection WithoutRange() => PartialOffset is null ? this : new(path, Text, fields, null, null);

    private BodySection With(SectionText text, string[] names) => new(path, text, names, PartialOffset, PartialLength);

    private void WritePath(CommandWriter writer)
    {
        for (int i = 0; i < path.Length; i++)
        {
            writer.WriteNumber((ulong)path[i]);
            if (i < path.Length - 1 || Text != SectionText.All)
            {
                writer.WriteRaw("."u8);
            }
        }
    }

    private string BuildSpec()
    {
        var text = new StringBuilder();
        foreach (int number in path)
        {
            text.Append(text.Length == 0 ? string.Empty : ".").Append(number.ToString(CultureInfo.InvariantCulture));
        }

        string keyword = Text switch
        {
            SectionText.HeaderFields => "HEADER.FIELDS (" + string.Join(' ', fields) + ")",
            SectionText.HeaderFieldsNot => "HEADER.FIELDS.NOT (" + string.Join(' ', fields) + ")",
            _ => Encoding.ASCII.GetString(TextKeyword(Text)),
        };
        if (keyword.Length > 0)
        {
            text.Append(path.Length == 0 ? string.Empty : ".").Append(keyword);
        }

        return text.ToString();
    }
}
