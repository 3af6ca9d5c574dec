using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace Imap.Mime;

/// <summary>
/// Maps MIME charset names (RFC 2978, as they appear in RFC 2047 encoded words and RFC 2231 parameter values) to
/// decoders that never throw: a byte sequence that is invalid in the charset becomes U+FFFD.
/// </summary>
/// <remarks>
/// <para>
/// Names are matched case-insensitively and ignoring punctuation (<c>UTF-8</c>, <c>utf8</c> and <c>utf_8</c> are the
/// same name), against a built-in list of the charsets mail uses, with their common aliases. A name that is not on
/// the list is offered to <see cref="CodePagesEncodingProvider"/> (which ships inside .NET) as it was written. The
/// provider is asked directly: <see cref="Encoding.RegisterProvider"/> is never called, because a library must not
/// change process-wide state.
/// </para>
/// <para>
/// Labels follow the WHATWG Encoding Standard, as mail clients built on a browser engine do: <c>us-ascii</c> and
/// <c>iso-8859-1</c> decode as windows-1252 (a superset that also gives the curly quotes and euro sign that Outlook
/// sends under those labels), <c>euc-kr</c> as windows-949 and <c>gb2312</c> as GBK (supersets too). A bare
/// <c>utf-16</c> or <c>utf-32</c> is big-endian (RFC 2781 §4.3). UTF-7 is not supported: .NET no longer ships it.
/// </para>
/// <para>
/// Caches are bounded by construction: encodings are cached per code page, and names only when the provider knew
/// them (a finite set, capped besides), so a server that sends a million different charset names grows nothing.
/// </para>
/// </remarks>
internal static class Charsets
{
    /// <summary>Longest charset name looked up; IANA's longest registered name has 45 characters.</summary>
    internal const int MaxNameLength = 64;

    private const int MaxCachedProviderNames = 256;

    private static readonly DecoderFallback s_replacement = new DecoderReplacementFallback("\uFFFD");
    private static readonly ConcurrentDictionary<int, Encoding> s_byCodePage = new();
    private static readonly ConcurrentDictionary<string, Encoding> s_byProviderName = new(StringComparer.Ordinal);

    /// <summary>Number of cache entries, names and code pages together (for tests of the bound).</summary>
    internal static int CacheCount => s_byCodePage.Count + s_byProviderName.Count;

    /// <summary>Finds the decoder for a charset name given as ASCII bytes.</summary>
    /// <param name="name">The charset name, without an RFC 2231 language suffix.</param>
    /// <returns>The encoding, or <see langword="null"/> when the name is unknown, empty, too long or not ASCII.</returns>
    public static Encoding? Find(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            if (b >= 0x80)
            {
                return null;
            }

            chars[i] = (char)b;
        }

        return Find(chars[..name.Length]);
    }

    /// <summary>Finds the decoder for a charset name.</summary>
    /// <param name="name">The charset name, without an RFC 2231 language suffix.</param>
    /// <returns>The encoding, or <see langword="null"/> when the name is unknown, empty, too long or not ASCII.</returns>
    public static Encoding? Find(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return null;
        }

        Span<char> key = stackalloc char[MaxNameLength];
        int keyLength = 0;
        foreach (char c in name)
        {
            if (c >= 0x80)
            {
                return null;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                key[keyLength++] = c;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                key[keyLength++] = (char)(c + ('a' - 'A'));
            }
        }

        int codePage = KnownCodePage(key[..keyLength]);
        return codePage != 0 ? FromCodePage(codePage) : FromProvider(name);
    }

    /// <summary>
    /// Decodes bytes that carry no charset label (raw 8-bit header text): as UTF-8 when they are valid UTF-8,
    /// otherwise as ISO-8859-1, which maps every byte to one character and so loses nothing.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static string DecodeUnlabelled(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);

    private static Encoding? FromCodePage(int codePage)
    {
        if (s_byCodePage.TryGetValue(codePage, out Encoding? cached))
        {
            return cached;
        }

        Encoding? created = codePage switch
        {
            65001 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            1200 => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false),
            1201 => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false),
            12000 => new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: false),
            12001 => new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: false),
            _ => CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ReplacementFallback, s_replacement),
        };

        // Keys are code pages from the table below or ones the provider itself returned: a finite set.
        return created is null ? null : s_byCodePage.GetOrAdd(codePage, created);
    }

    private static Encoding? FromProvider(ReadOnlySpan<char> name)
    {
        // Only names outside the table get here; the provider matches names case-insensitively itself.
        string text = name.ToString();
        if (s_byProviderName.TryGetValue(text, out Encoding? cached))
        {
            return cached;
        }

        Encoding? found;
        try
        {
            found = CodePagesEncodingProvider.Instance.GetEncoding(text);
        }
        catch (ArgumentException)
        {
            // The provider is documented to return null for unknown names; this guards a hostile name all the same.
            return null;
        }

        if (found is null)
        {
            return null;
        }

        Encoding? encoding = FromCodePage(found.CodePage);
        if (encoding is not null && s_byProviderName.Count < MaxCachedProviderNames)
        {
            s_byProviderName.TryAdd(text, encoding);
        }

        return encoding;
    }

    /// <summary>
    /// The charset names this class knows without asking the code-pages provider, normalised (ASCII lower-case letters
    /// and digits, punctuation dropped), with their code pages. A table rather than a <see langword="switch"/> over
    /// the names: the switch compiled to one method whose first compilation took about 0.1 s of a fresh process.
    /// </summary>
    private static readonly (int CodePage, string Names)[] s_knownNames =
    [
        (65001, "utf8 unicode11utf8 xunicode20utf8"),
        (1252, "usascii ascii us ansix341968 ansix341986 iso646us iso646irv1991 ibm367 cp367 csascii isoir6"),
        (1252, "iso88591 iso885911987 latin1 l1 isoir100 ibm819 cp819 csisolatin1 "
            + "windows1252 cp1252 xcp1252 ms1252"),
        (28592, "iso88592 iso885921987 latin2 l2 isoir101 csisolatin2"),
        (28593, "iso88593 iso885931988 latin3 l3 isoir109 csisolatin3"),
        (28594, "iso88594 iso885941988 latin4 l4 isoir110 csisolatin4"),
        (28595, "iso88595 iso885951988 cyrillic isoir144 csisolatincyrillic"),
        (28596, "iso88596 iso885961987 arabic isoir127 csisolatinarabic asmo708 ecma114"),
        (28597, "iso88597 iso885971987 greek greek8 isoir126 csisolatingreek elot928 ecma118"),
        (28598, "iso88598 iso885981988 hebrew isoir138 csisolatinhebrew visual"),
        (38598, "iso88598i csiso88598i logical"),
        (28599, "iso88599 iso885991989 latin5 l5 isoir148 csisolatin5"),
        (28603, "iso885913 latin7 l7"),
        (28605, "iso885915 latin9 l9 latin0 csisolatin9"),
        (874, "iso885911 tis620 windows874 cp874 xcp874 dos874"),
        (1250, "windows1250 cp1250 xcp1250"),
        (1251, "windows1251 cp1251 xcp1251"),
        (1253, "windows1253 cp1253 xcp1253"),
        (1254, "windows1254 cp1254 xcp1254"),
        (1255, "windows1255 cp1255 xcp1255"),
        (1256, "windows1256 cp1256 xcp1256"),
        (1257, "windows1257 cp1257 xcp1257"),
        (1258, "windows1258 cp1258 xcp1258"),
        (20866, "koi8r koi8 cskoi8r"),
        (21866, "koi8u koi8ru"),
        (866, "ibm866 cp866 866 csibm866"),
        (932, "shiftjis sjis xsjis mskanji csshiftjis cp932 windows31j cswindows31j xmscp932 ms932"),
        (51932, "eucjp xeucjp cseucpkdfmtjapanese"),
        (50220, "iso2022jp csiso2022jp"),
        (949, "euckr cseuckr ksc56011987 ksc56011989 ksc5601 csksc56011987 isoir149 korean cp949 windows949 uhc"),
        (50225, "iso2022kr csiso2022kr"),
        (936, "gb2312 gbk cp936 ms936 windows936 xgbk euccn csgb2312 gb231280 chinese isoir58 csiso58gb231280"),
        (54936, "gb18030"),
        (950, "big5 big5hkscs cnbig5 csbig5 xxbig5 cp950"),
        (1201, "utf16 utf16be"),
        (1200, "utf16le"),
        (12001, "utf32 utf32be"),
        (12000, "utf32le"),
        (10000, "macintosh mac xmacroman csmacintosh"),
        (10007, "xmaccyrillic xmacukrainian"),
    ];

    /// <summary>Every name of <see cref="s_knownNames"/> in ordinal order, for a binary search by span (no string made).</summary>
    private static readonly (string Name, int CodePage)[] s_byName = IndexKnownNames();

    private static int KnownCodePage(ReadOnlySpan<char> key)
    {
        int low = 0;
        int high = s_byName.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = s_byName[middle].Name.AsSpan().SequenceCompareTo(key);
            if (order == 0)
            {
                return s_byName[middle].CodePage;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return 0;
    }

    private static (string Name, int CodePage)[] IndexKnownNames()
    {
        var byName = new List<(string Name, int CodePage)>();
        foreach (var (codePage, names) in s_knownNames)
        {
            foreach (var name in names.Split(' '))
            {
                byName.Add((name, codePage));
            }
        }

        byName.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (int i = 1; i < byName.Count; i++)
        {
            if (byName[i].Name == byName[i - 1].Name)
            {
                throw new InvalidOperationException("The charset table names '" + byName[i].Name + "' twice.");
            }
        }

        return [.. byName];
    }
}

/// <summary>
/// Collects decoded text in a caller-provided stack buffer that moves to a pooled array when it outgrows it, so that
/// a decoder allocates nothing but its resulting string.
/// </summary>
internal ref struct CharBuffer
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    /// <summary>Creates the buffer over initial storage, usually <see langword="stackalloc"/>ed.</summary>
    /// <param name="initial">Storage used until it is full.</param>
    public CharBuffer(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    /// <summary>Number of characters collected.</summary>
    public readonly int Length => _length;

    /// <summary>Appends one character.</summary>
    /// <param name="c">The character.</param>
    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
    }

    /// <summary>Appends characters.</summary>
    /// <param name="text">The characters.</param>
    public void Append(ReadOnlySpan<char> text)
    {
        if (_chars.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars[_length..]);
        _length += text.Length;
    }

    /// <summary>Appends bytes decoded in a charset; invalid sequences become U+FFFD.</summary>
    /// <param name="encoding">A decoder from <see cref="Charsets"/>.</param>
    /// <param name="bytes">The bytes.</param>
    public void AppendDecoded(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        int count = encoding.GetCharCount(bytes);
        if (_chars.Length - _length < count)
        {
            Grow(count);
        }

        _length += encoding.GetChars(bytes, _chars[_length..]);
    }

    /// <summary>Appends unlabelled bytes as <see cref="Charsets.DecodeUnlabelled"/> does.</summary>
    /// <param name="bytes">The bytes.</param>
    public void AppendUnlabelled(ReadOnlySpan<byte> bytes) =>
        AppendDecoded(Utf8.IsValid(bytes) ? Encoding.UTF8 : Encoding.Latin1, bytes);

    /// <summary>The collected text.</summary>
    /// <returns>A new string, or <see cref="string.Empty"/>.</returns>
    public override readonly string ToString() => _length == 0 ? string.Empty : new string(_chars[.._length]);

    /// <summary>Returns pooled storage.</summary>
    public void Dispose()
    {
        char[]? rented = _rented;
        _rented = null;
        _chars = default;
        _length = 0;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Grow(int additional)
    {
        int needed = checked(_length + additional);
        int size = Math.Max(needed, Math.Max(256, _chars.Length * 2));
        char[] next = ArrayPool<char>.Shared.Rent(size);
        _chars[.._length].CopyTo(next);
        char[]? previous = _rented;
        _rented = next;
        _chars = next;
        if (previous is not null)
        {
            ArrayPool<char>.Shared.Return(previous);
        }
    }
}
