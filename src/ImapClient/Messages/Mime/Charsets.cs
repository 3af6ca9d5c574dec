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

    // Keys are normalised names: ASCII lower-case letters and digits, punctuation dropped.
    private static int KnownCodePage(ReadOnlySpan<char> key) => key switch
    {
        "utf8" or "unicode11utf8" or "xunicode20utf8" => 65001,
        "usascii" or "ascii" or "us" or "ansix341968" or "ansix341986" or "iso646us" or "iso646irv1991"
            or "ibm367" or "cp367" or "csascii" or "isoir6" => 1252,
        "iso88591" or "iso885911987" or "latin1" or "l1" or "isoir100" or "ibm819" or "cp819" or "csisolatin1"
            or "windows1252" or "cp1252" or "xcp1252" or "ms1252" => 1252,
        "iso88592" or "iso885921987" or "latin2" or "l2" or "isoir101" or "csisolatin2" => 28592,
        "iso88593" or "iso885931988" or "latin3" or "l3" or "isoir109" or "csisolatin3" => 28593,
        "iso88594" or "iso885941988" or "latin4" or "l4" or "isoir110" or "csisolatin4" => 28594,
        "iso88595" or "iso885951988" or "cyrillic" or "isoir144" or "csisolatincyrillic" => 28595,
        "iso88596" or "iso885961987" or "arabic" or "isoir127" or "csisolatinarabic" or "asmo708" or "ecma114" => 28596,
        "iso88597" or "iso885971987" or "greek" or "greek8" or "isoir126" or "csisolatingreek" or "elot928"
            or "ecma118" => 28597,
        "iso88598" or "iso885981988" or "hebrew" or "isoir138" or "csisolatinhebrew" or "visual" => 28598,
        "iso88598i" or "csiso88598i" or "logical" => 38598,
        "iso88599" or "iso885991989" or "latin5" or "l5" or "isoir148" or "csisolatin5" => 28599,
        "iso885913" or "latin7" or "l7" => 28603,
        "iso885915" or "latin9" or "l9" or "latin0" or "csisolatin9" => 28605,
        "iso885911" or "tis620" or "windows874" or "cp874" or "xcp874" or "dos874" => 874,
        "windows1250" or "cp1250" or "xcp1250" => 1250,
        "windows1251" or "cp1251" or "xcp1251" => 1251,
        "windows1253" or "cp1253" or "xcp1253" => 1253,
        "windows1254" or "cp1254" or "xcp1254" => 1254,
        "windows1255" or "cp1255" or "xcp1255" => 1255,
        "windows1256" or "cp1256" or "xcp1256" => 1256,
        "windows1257" or "cp1257" or "xcp1257" => 1257,
        "windows1258" or "cp1258" or "xcp1258" => 1258,
        "koi8r" or "koi8" or "cskoi8r" => 20866,
        "koi8u" or "koi8ru" => 21866,
        "ibm866" or "cp866" or "866" or "csibm866" => 866,
        "shiftjis" or "sjis" or "xsjis" or "mskanji" or "csshiftjis" or "cp932" or "windows31j" or "cswindows31j"
            or "xmscp932" or "ms932" => 932,
        "eucjp" or "xeucjp" or "cseucpkdfmtjapanese" => 51932,
        "iso2022jp" or "csiso2022jp" => 50220,
        "euckr" or "cseuckr" or "ksc56011987" or "ksc56011989" or "ksc5601" or "csksc56011987" or "isoir149"
            or "korean" or "cp949" or "windows949" or "uhc" => 949,
        "iso2022kr" or "csiso2022kr" => 50225,
        "gb2312" or "gbk" or "cp936" or "ms936" or "windows936" or "xgbk" or "euccn" or "csgb2312" or "gb231280"
            or "chinese" or "isoir58" or "csiso58gb231280" => 936,
        "gb18030" => 54936,
        "big5" or "big5hkscs" or "cnbig5" or "csbig5" or "xxbig5" or "cp950" => 950,
        "utf16" or "utf16be" => 1201,
        "utf16le" => 1200,
        "utf32" or "utf32be" => 12001,
        "utf32le" => 12000,
        "macintosh" or "mac" or "xmacroman" or "csmacintosh" => 10000,
        "xmaccyrillic" or "xmacukrainian" => 10007,
        _ => 0,
    };
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
