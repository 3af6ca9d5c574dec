using System.Globalization;
using System.Text;

namespace Imap.TestServer;

/// <summary>The character sets the generator encodes header words and bodies in.</summary>
internal enum MimeCharset
{
    Ascii,
    Utf8,
    Latin1,
    Koi8R,
}

/// <summary>RFC 2047 encoded words, RFC 2045 quoted-printable and base64, RFC 2231 parameters; all written here.</summary>
internal static class HeaderEncoding
{
    private const int MaxEncodedWordLength = 75;
    private const string Hex = "0123456789ABCDEF";

    public static string CharsetName(MimeCharset charset) => charset switch
    {
        MimeCharset.Ascii => "us-ascii",
        MimeCharset.Utf8 => "utf-8",
        MimeCharset.Latin1 => "iso-8859-1",
        MimeCharset.Koi8R => "koi8-r",
        _ => throw new ArgumentOutOfRangeException(nameof(charset)),
    };

    public static byte[] GetBytes(string text, MimeCharset charset) => charset switch
    {
        MimeCharset.Ascii => Encoding.ASCII.GetBytes(text),
        MimeCharset.Utf8 => Encoding.UTF8.GetBytes(text),
        MimeCharset.Latin1 => Encoding.Latin1.GetBytes(text),
        MimeCharset.Koi8R => Koi8R.GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(charset)),
    };

    /// <summary>
    /// Encodes <paramref name="text"/> as one or more encoded words (separated by a space) in the given charset and
    /// encoding ('B' or 'Q'), never splitting a character between two words.
    /// </summary>
    public static string EncodeWords(string text, MimeCharset charset, char encoding)
    {
        // The charset label is written in upper case the way many agents do, the mixed forms appear elsewhere.
        var prefix = "=?" + CharsetName(charset).ToUpperInvariant() + "?" + encoding + "?";
        var budget = MaxEncodedWordLength - prefix.Length - 2;
        var words = new List<string>();
        var currentBytes = new List<byte>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var bytes = GetBytes(element, charset);
            var candidate = new List<byte>(currentBytes);
            candidate.AddRange(bytes);
            if (currentBytes.Count > 0 && EncodedLength(candidate, encoding) > budget)
            {
                words.Add(prefix + Encode(currentBytes, encoding) + "?=");
                currentBytes.Clear();
            }

            currentBytes.AddRange(bytes);
        }

        if (currentBytes.Count > 0)
        {
            words.Add(prefix + Encode(currentBytes, encoding) + "?=");
        }

        return string.Join(' ', words);
    }

    private static int EncodedLength(List<byte> bytes, char encoding) =>
        encoding == 'B' ? (bytes.Count + 2) / 3 * 4 : QEncode(bytes).Length;

    private static string Encode(List<byte> bytes, char encoding) =>
        encoding == 'B' ? Convert.ToBase64String([.. bytes]) : QEncode(bytes);

    private static string QEncode(List<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Count * 2);
        foreach (var b in bytes)
        {
            if (b == ' ')
            {
                builder.Append('_');
            }
            else if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                     or (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Quoted-printable (RFC 2045) of <paramref name="text"/> (lines separated by CRLF) in the charset.</summary>
    public static string QuotedPrintable(string text, MimeCharset charset)
    {
        var builder = new StringBuilder(text.Length + (text.Length / 8));
        var lines = text.Split("\r\n");
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                builder.Append("\r\n");
            }

            var bytes = GetBytes(lines[l], charset);
            var lineLength = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var literal = (b is >= 33 and <= 126 && b != '=') || ((b == ' ' || b == '\t') && i != bytes.Length - 1);
                var width = literal ? 1 : 3;

                // Keep room for the soft break '=' (76 characters per line at most).
                if (lineLength + width > 75)
                {
                    builder.Append("=\r\n");
                    lineLength = 0;
                }

                if (literal)
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }

                lineLength += width;
            }
        }

        return builder.ToString();
    }

    /// <summary>Base64 in lines of 76 characters separated by CRLF, without a final line break.</summary>
    public static string Base64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

    /// <summary>An RFC 2231 extended parameter value (<c>utf-8''...</c>) for non-ASCII file names.</summary>
    public static string Rfc2231(string value)
    {
        var builder = new StringBuilder("utf-8''");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'_')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether every character is printable ASCII.</summary>
    public static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
