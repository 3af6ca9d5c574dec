using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Imap.Mime;

/// <summary>
/// Decodes RFC 2047 encoded words (<c>=?charset?B|Q?text?=</c>) in header text as ENVELOPE returns it: unstructured
/// text such as a subject (<see cref="DecodeText"/>) and the display name of an address (<see cref="DecodePhrase"/>).
/// </summary>
/// <remarks>
/// <para>Decoding never throws and its cost is linear in the input. Where a server or mailer breaks the rules:</para>
/// <list type="bullet">
/// <item>An encoded word is recognised wherever it stands, also next to other text (<c>Re:=?utf-8?q?x?=</c>) and
/// inside a quoted string, as real mail clients do. Its text runs to the first <c>?</c>, which must begin the closing
/// <c>?=</c>; spaces and 8-bit bytes in it are taken literally, a CR or LF ends it unclosed.</item>
/// <item>An RFC 2231 language (<c>=?utf-8*en?q?...?=</c>) is accepted and dropped.</item>
/// <item>Something that starts like an encoded word but is not one (no closing <c>?=</c>, an encoding other than
/// B or Q, an empty or over-long charset) is ordinary text.</item>
/// <item>An encoded word whose charset is unknown, whose B text holds a character outside base64, or whose Q text
/// holds an <c>=</c> not followed by two hex digits, is kept as it was written, raw text included; the whitespace
/// around it is kept too.</item>
/// <item>Base64 padding may be missing; bits of an incomplete last group are dropped; a <c>=</c> ends a group, so
/// padded chunks glued together still decode. Lower-case hex is accepted in Q.</item>
/// <item>Whitespace between two decoded words is dropped (RFC 2047 §6.2). Adjacent words in the same charset (B and
/// Q alike) are decoded as one byte sequence, so a character split across words comes out whole.</item>
/// <item>Bytes outside encoded words are UTF-8 when the run between two encoded words is valid UTF-8, and
/// ISO-8859-1 otherwise, which never fails. CR and LF there are removed, which unfolds a folded header.</item>
/// </list>
/// </remarks>
internal static class EncodedWords
{
    /// <summary>Longest <c>charset*language</c> token accepted in an encoded word.</summary>
    private const int MaxCharsetTokenLength = 2 * Charsets.MaxNameLength;

    private const int StackLimit = 256;

    private static readonly SearchValues<byte> s_whitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Decodes unstructured header text (RFC 2047 §5 (1)), such as a subject.</summary>
    /// <param name="raw">The header value as the server sent it.</param>
    /// <returns>The decoded text.</returns>
    public static string DecodeText(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf("=?"u8) < 0 && raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return raw.IsEmpty ? string.Empty : Charsets.DecodeUnlabelled(raw);
        }

        return Decode(raw);
    }

    /// <summary>
    /// Decodes a display name (an RFC 5322 phrase): removes the quotes of quoted strings and their backslash escapes,
    /// then decodes encoded words, including those inside quotes. An unterminated quoted string runs to the end; a
    /// backslash that ends the input is kept.
    /// </summary>
    /// <param name="raw">The phrase as the server sent it.</param>
    /// <returns>The decoded text.</returns>
    public static string DecodePhrase(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'"') < 0)
        {
            return DecodeText(raw);
        }

        byte[]? rented = null;
        Span<byte> unquoted = raw.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            int length = 0;
            bool quoted = false;
            for (int i = 0; i < raw.Length; i++)
            {
                byte b = raw[i];
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (quoted && b == (byte)'\\' && i + 1 < raw.Length)
                {
                    unquoted[length++] = raw[++i];
                }
                else
                {
                    unquoted[length++] = b;
                }
            }

            return DecodeText(unquoted[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> input)
    {
        // Every decoded byte comes from a distinct input byte, so the input length bounds the pending run.
        byte[]? rented = null;
        Span<byte> pending = input.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(input.Length));
        var output = new CharBuffer(stackalloc char[StackLimit]);
        try
        {
            int pendingLength = 0;
            Encoding? pendingEncoding = null;
            int textStart = 0;
            int searchFrom = 0;
            while (true)
            {
                int found = input[searchFrom..].IndexOf("=?"u8);
                if (found < 0)
                {
                    break;
                }

                int start = searchFrom + found;
                if (!TryReadEncodedWord(input, start, out EncodedWord word))
                {
                    searchFrom = start + 1;
                    continue;
                }

                ReadOnlySpan<byte> between = input[textStart..start];
                Encoding? encoding = Charsets.Find(word.Charset);
                int decoded = encoding is null ? -1 : DecodePayload(word, pending[pendingLength..]);
                if (decoded < 0)
                {
                    Flush(ref output, pendingEncoding, pending[..pendingLength]);
                    pendingEncoding = null;
                    pendingLength = 0;
                    AppendRaw(ref output, input[textStart..word.End]);
                }
                else if (pendingEncoding is not null && IsWhitespace(between))
                {
                    if (!ReferenceEquals(encoding, pendingEncoding))
                    {
                        Flush(ref output, pendingEncoding, pending[..pendingLength]);
                        pending.Slice(pendingLength, decoded).CopyTo(pending);
                        pendingLength = 0;
                        pendingEncoding = encoding;
                    }

                    pendingLength += decoded;
                }
                else
                {
                    Flush(ref output, pendingEncoding, pending[..pendingLength]);
                    pending.Slice(pendingLength, decoded).CopyTo(pending);
                    pendingLength = decoded;
                    pendingEncoding = encoding;
                    AppendRaw(ref output, between);
                }

                textStart = searchFrom = word.End;
            }

            Flush(ref output, pendingEncoding, pending[..pendingLength]);
            AppendRaw(ref output, input[textStart..]);
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

    private static void Flush(ref CharBuffer output, Encoding? encoding, ReadOnlySpan<byte> bytes)
    {
        if (encoding is not null)
        {
            output.AppendDecoded(encoding, bytes);
        }
    }

    /// <summary>Appends text from outside encoded words, without its CR and LF bytes (unfolding).</summary>
    private static void AppendRaw(ref CharBuffer output, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        // One decision for the whole run, so that removing line breaks cannot change how the rest is read.
        Encoding encoding = Utf8.IsValid(text) ? Encoding.UTF8 : Encoding.Latin1;
        while (!text.IsEmpty)
        {
            int lineBreak = text.IndexOfAny((byte)'\r', (byte)'\n');
            if (lineBreak < 0)
            {
                output.AppendDecoded(encoding, text);
                break;
            }

            output.AppendDecoded(encoding, text[..lineBreak]);
            text = text[(lineBreak + 1)..];
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> text) =>
        text.IndexOfAnyExcept(s_whitespace) < 0;

    /// <summary>
    /// Reads <c>=?charset?e?text?=</c> at <paramref name="start"/>. The scan stops at the first <c>?</c> of each part,
    /// and every later candidate begins with <c>=?</c>, so no byte is examined by more than a few candidates.
    /// </summary>
    private static bool TryReadEncodedWord(ReadOnlySpan<byte> input, int start, out EncodedWord word)
    {
        word = default;
        int charsetStart = start + 2;
        int limit = Math.Min(input.Length, charsetStart + MaxCharsetTokenLength);
        int charsetEnd = charsetStart;
        while (charsetEnd < limit && input[charsetEnd] is > 0x20 and < 0x7F and not (byte)'?')
        {
            charsetEnd++;
        }

        // charset "?" encoding "?" needs three more bytes, and the text its closing "?=".
        if (charsetEnd == charsetStart || charsetEnd + 4 >= input.Length || input[charsetEnd] != (byte)'?'
            || input[charsetEnd + 2] != (byte)'?')
        {
            return false;
        }

        bool base64;
        switch (input[charsetEnd + 1])
        {
            case (byte)'B' or (byte)'b':
                base64 = true;
                break;
            case (byte)'Q' or (byte)'q':
                base64 = false;
                break;
            default:
                return false;
        }

        int textStart = charsetEnd + 3;
        int textLength = input[textStart..].IndexOfAny((byte)'?', (byte)'\r', (byte)'\n');
        if (textLength < 0)
        {
            return false;
        }

        int textEnd = textStart + textLength;
        if (input[textEnd] != (byte)'?' || textEnd + 1 >= input.Length || input[textEnd + 1] != (byte)'=')
        {
            return false;
        }

        ReadOnlySpan<byte> charset = input[charsetStart..charsetEnd];
        int star = charset.IndexOf((byte)'*');
        if (star >= 0)
        {
            charset = charset[..star];
        }

        if (charset.IsEmpty)
        {
            return false;
        }

        word = new EncodedWord(charset, base64, input[textStart..textEnd], textEnd + 2);
        return true;
    }

    /// <summary>Decodes the word's text into <paramref name="destination"/>; -1 when it is malformed.</summary>
    private static int DecodePayload(in EncodedWord word, Span<byte> destination) =>
        word.Base64 ? DecodeBase64(word.Text, destination) : DecodeQ(word.Text, destination);

    private static int DecodeQ(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        int length = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'_')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'=')
            {
                if (i + 2 >= text.Length)
                {
                    return -1;
                }

                int high = HexValue(text[i + 1]);
                int low = HexValue(text[i + 2]);
                if ((high | low) < 0)
                {
                    return -1;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            destination[length++] = b;
        }

        return length;
    }

    private static int DecodeBase64(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        int length = 0;
        int bits = 0;
        int bitCount = 0;
        foreach (byte c in text)
        {
            int value = c switch
            {
                >= (byte)'A' and <= (byte)'Z' => c - 'A',
                >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
                (byte)'+' => 62,
                (byte)'/' => 63,
                (byte)'=' => -2,
                (byte)' ' or (byte)'\t' => -3,
                _ => -1,
            };

            switch (value)
            {
                case -1:
                    return -1;
                case -2:
                    // Padding ends the group: a following chunk starts afresh.
                    bits = 0;
                    bitCount = 0;
                    continue;
                case -3:
                    continue;
            }

            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                destination[length++] = (byte)(bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }

        return length;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    private readonly ref struct EncodedWord
    {
        public EncodedWord(ReadOnlySpan<byte> charset, bool base64, ReadOnlySpan<byte> text, int end)
        {
            Charset = charset;
            Base64 = base64;
            Text = text;
            End = end;
        }

        public ReadOnlySpan<byte> Charset { get; }

        public bool Base64 { get; }

        public ReadOnlySpan<byte> Text { get; }

        /// <summary>Offset just past the closing <c>?=</c>.</summary>
        public int End { get; }
    }
}
