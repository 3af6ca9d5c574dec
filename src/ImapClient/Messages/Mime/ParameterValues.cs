using System.Buffers;
using System.Text;
using Imap.Protocol;

namespace Imap.Mime;

/// <summary>
/// Decodes the parameters of a BODYSTRUCTURE part or its Content-Disposition (RFC 9051 §7.5.2 body-fld-param) as the
/// server sent them: RFC 2231 extended values (<c>name*=charset'lang'%XX</c>), continuations (<c>name*0</c>,
/// <c>name*1*</c>, ...), and RFC 2047 encoded words in plain values, which Outlook and others use for file names.
/// </summary>
/// <remarks>
/// <para>Decoding never throws. Its result, and where a server or mailer breaks the rules:</para>
/// <list type="bullet">
/// <item>Names are compared case-insensitively and returned in ASCII lower case, one entry per name, in the order in
/// which each name (in any of its forms) first appeared.</item>
/// <item>When a name comes in several forms, <c>name*</c> wins over continuations <c>name*0</c>..., which win over a
/// plain <c>name</c>: mailers send the plain form as a fallback for readers that lack RFC 2231. Among repeats of one
/// form or one section number, the first wins.</item>
/// <item>Section numbers are decimal (leading zeros tolerated) from 0 to <see cref="MaxSection"/>; a section with a
/// larger number is dropped. Sections are joined in numeric order and a missing number is skipped over.</item>
/// <item>The <c>charset'language'</c> prefix is read only from <c>name*</c> or an extended section 0. The language
/// is dropped. Without both apostrophes the whole value is text. A missing, empty or unknown charset decodes the
/// bytes as UTF-8 when they are valid UTF-8 and as ISO-8859-1 otherwise.</item>
/// <item>In extended text a <c>%</c> not followed by two hex digits is a literal <c>%</c>. Other ASCII characters,
/// and plain sections between extended ones, are taken as bytes of the same charset, so a multibyte character split
/// across sections comes out whole. A non-ASCII character (not allowed there) is kept as the character it is.</item>
/// <item>A value with no extended part (a plain value, or only plain sections, joined first) has its RFC 2047
/// encoded words decoded as in <see cref="EncodedWords.DecodeText"/>; an extended value never does.</item>
/// <item>A name that is empty once its section and <c>*</c> are removed is dropped.</item>
/// </list>
/// </remarks>
internal static class ParameterValues
{
    /// <summary>Highest continuation section number accepted (RFC 2231 §3 sets no limit; a server could).</summary>
    internal const int MaxSection = 999;

    private const int StackLimit = 256;

    private const int LinearSearchLimit = 16;

    /// <summary>Decodes parameters.</summary>
    /// <param name="raw">The (name, value) pairs in the order the server sent them.</param>
    /// <returns>
    /// The decoded parameters, names in lower case. When nothing needs decoding (names already lower case, distinct
    /// and without <c>*</c>, values without <c>=?</c>) the result is a read-only view of <paramref name="raw"/>.
    /// </returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Decode(IReadOnlyList<KeyValuePair<string, string>> raw)
    {
        if (raw.Count == 0)
        {
            return [];
        }

        if (NeedsNoDecoding(raw))
        {
            // A view, not the array itself, so that a caller cannot cast the result back and change the raw values.
            return raw is KeyValuePair<string, string>[] array ? Array.AsReadOnly(array) : raw;
        }

        // A part has a handful of parameters: a linear search beats hashing until a hostile server sends many.
        Dictionary<string, Parameter>? byName = raw.Count > LinearSearchLimit
            ? new Dictionary<string, Parameter>(StringComparer.OrdinalIgnoreCase)
            : null;
        var ordered = new List<Parameter>(Math.Min(raw.Count, LinearSearchLimit));
        for (int i = 0; i < raw.Count; i++)
        {
            (string name, string value) = raw[i];
            if (!TryReadName(name ?? string.Empty, out string baseName, out int section, out bool extended))
            {
                continue;
            }

            Parameter? parameter = null;
            if (byName is not null)
            {
                byName.TryGetValue(baseName, out parameter);
            }
            else
            {
                foreach (Parameter candidate in ordered)
                {
                    if (string.Equals(candidate.Name, baseName, StringComparison.OrdinalIgnoreCase))
                    {
                        parameter = candidate;
                        break;
                    }
                }
            }

            if (parameter is null)
            {
                parameter = new Parameter(ToLowerAscii(baseName));
                byName?.Add(baseName, parameter);
                ordered.Add(parameter);
            }

            parameter.Add(section, extended, value ?? string.Empty);
        }

        var result = new KeyValuePair<string, string>[ordered.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new KeyValuePair<string, string>(ordered[i].Name, ordered[i].Resolve());
        }

        return result;
    }

    private static bool NeedsNoDecoding(IReadOnlyList<KeyValuePair<string, string>> raw)
    {
        if (raw.Count > LinearSearchLimit)
        {
            return false;
        }

        for (int i = 0; i < raw.Count; i++)
        {
            (string name, string value) = raw[i];
            if (string.IsNullOrEmpty(name) || value is null || name.Contains('*', StringComparison.Ordinal)
                || AsciiRanges.HasUpperLetter(name) || value.Contains("=?", StringComparison.Ordinal))
            {
                return false;
            }

            for (int j = 0; j < i; j++)
            {
                if (string.Equals(raw[j].Key, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Splits <c>name</c>, <c>name*</c>, <c>name*N</c> or <c>name*N*</c> into its parts (RFC 2231 §7).</summary>
    private static bool TryReadName(string name, out string baseName, out int section, out bool extended)
    {
        ReadOnlySpan<char> core = name;
        extended = core.Length > 0 && core[^1] == '*';
        if (extended)
        {
            core = core[..^1];
        }

        section = -1;
        int star = core.LastIndexOf('*');
        if (star >= 0)
        {
            ReadOnlySpan<char> digits = core[(star + 1)..];
            if (!digits.IsEmpty && !AsciiRanges.HasNonDigit(digits))
            {
                digits = digits.TrimStart('0');
                int number = 0;
                if (digits.Length > 3)
                {
                    number = MaxSection + 1;
                }
                else
                {
                    foreach (char d in digits)
                    {
                        number = (number * 10) + (d - '0');
                    }
                }

                if (number > MaxSection)
                {
                    baseName = string.Empty;
                    return false;
                }

                section = number;
                core = core[..star];
            }
        }

        baseName = core.Length == name.Length ? name : core.ToString();
        return !core.IsEmpty;
    }

    private static string ToLowerAscii(string name)
    {
        if (!AsciiRanges.HasUpperLetter(name))
        {
            return name;
        }

        return string.Create(name.Length, name, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
    }

    /// <summary>Decodes RFC 2047 encoded words in a plain value.</summary>
    private static string DecodeWords(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        Span<byte> bytes = count <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(count));
        try
        {
            int written = Encoding.UTF8.GetBytes(value, bytes);
            return EncodedWords.DecodeText(bytes[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Joins sections in order (the caller sorted them) and decodes them.</summary>
    private static string DecodeSections(List<Section> sections)
    {
        bool anyExtended = false;
        int total = 0;
        foreach (Section section in sections)
        {
            anyExtended |= section.Extended;

            // Values come from one response, which ImapLimits.MaxResponseSize keeps far below int.MaxValue.
            total += section.Value.Length;
        }

        if (!anyExtended)
        {
            if (sections.Count == 1)
            {
                return DecodeWords(sections[0].Value);
            }

            var joined = new StringBuilder(total);
            foreach (Section section in sections)
            {
                joined.Append(section.Value);
            }

            return DecodeWords(joined.ToString());
        }

        Encoding? charset = null;
        ReadOnlySpan<char> first = sections[0].Value;
        int skip = 0;
        if (sections[0].Number == 0 && sections[0].Extended)
        {
            int charsetEnd = first.IndexOf('\'');
            int languageEnd = charsetEnd < 0 ? -1 : first[(charsetEnd + 1)..].IndexOf('\'');
            if (languageEnd >= 0)
            {
                charset = Charsets.Find(first[..charsetEnd]);
                skip = charsetEnd + 1 + languageEnd + 1;
            }
        }

        // Each byte comes from at least one character.
        byte[]? rented = null;
        Span<byte> bytes = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        var output = new CharBuffer(stackalloc char[StackLimit]);
        try
        {
            int length = 0;
            for (int s = 0; s < sections.Count; s++)
            {
                ReadOnlySpan<char> text = sections[s].Value;
                if (s == 0)
                {
                    text = text[skip..];
                }

                bool percent = sections[s].Extended;
                for (int i = 0; i < text.Length; i++)
                {
                    char c = text[i];
                    int high, low;
                    if (percent && c == '%' && i + 2 < text.Length
                        && (high = HexValue(text[i + 1])) >= 0 && (low = HexValue(text[i + 2])) >= 0)
                    {
                        bytes[length++] = (byte)((high << 4) | low);
                        i += 2;
                    }
                    else if (c < 0x80)
                    {
                        bytes[length++] = (byte)c;
                    }
                    else
                    {
                        Flush(ref output, charset, bytes[..length]);
                        length = 0;
                        output.Append(c);
                    }
                }
            }

            Flush(ref output, charset, bytes[..length]);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Flush(ref CharBuffer output, Encoding? charset, ReadOnlySpan<byte> bytes)
    {
        if (charset is null)
        {
            output.AppendUnlabelled(bytes);
        }
        else
        {
            output.AppendDecoded(charset, bytes);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private readonly record struct Section(int Number, bool Extended, string Value);

    /// <summary>Every form of one parameter name seen so far.</summary>
    private sealed class Parameter(string name)
    {
        private string? _plain;
        private string? _extended;
        private List<Section>? _sections;
        private ulong[]? _seenSections;

        public string Name { get; } = name;

        public void Add(int section, bool extended, string value)
        {
            if (section < 0)
            {
                if (extended)
                {
                    _extended ??= value;
                }
                else
                {
                    _plain ??= value;
                }

                return;
            }

            // One bit per possible section number keeps repeats out at no cost in memory per repeat.
            _seenSections ??= new ulong[(MaxSection / 64) + 1];
            ulong bit = 1UL << (section % 64);
            if ((_seenSections[section / 64] & bit) != 0)
            {
                return;
            }

            _seenSections[section / 64] |= bit;
            (_sections ??= []).Add(new Section(section, extended, value));
        }

        public string Resolve()
        {
            if (_extended is not null)
            {
                return DecodeSections([new Section(0, Extended: true, _extended)]);
            }

            if (_sections is not null)
            {
                _sections.Sort(static (a, b) => a.Number.CompareTo(b.Number));
                return DecodeSections(_sections);
            }

            return DecodeWords(_plain ?? string.Empty);
        }
    }
}
