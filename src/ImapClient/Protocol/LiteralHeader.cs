namespace Imap.Protocol;

/// <summary>
/// Recognises the literal header that may end a line: <c>{n}</c>, <c>{n+}</c> (RFC 7888) or <c>~{n}</c> (literal8,
/// RFC 3516), each followed by CRLF (RFC 9051 §9 <c>literal</c>, <c>literal8</c>).
/// </summary>
internal readonly record struct LiteralHeader(bool Found, ulong Length, bool IsBinary, FrameError Error)
{
    /// <summary>Looks at the last bytes of a line, LF included.</summary>
    /// <param name="tail">The end of the line.</param>
    /// <param name="truncated">Whether the line goes on before <paramref name="tail"/>.</param>
    public static LiteralHeader Find(ReadOnlySpan<byte> tail, bool truncated)
    {
        int i = tail.Length - 1;
        if (i < 3 || tail[i] != (byte)'\n' || tail[i - 1] != (byte)'\r' || tail[i - 2] != (byte)'}')
        {
            return default;
        }

        i -= 3;
        if (tail[i] == (byte)'+')
        {
            i--;
        }

        int lastDigit = i;
        while (i >= 0 && char.IsAsciiDigit((char)tail[i]))
        {
            i--;
        }

        int digits = lastDigit - i;
        if (digits == 0)
        {
            return default;
        }

        if (i < 0)
        {
            // The run of digits reaches past what we looked at: far more digits than any 64-bit length has.
            return truncated ? new LiteralHeader(false, 0, false, FrameError.LiteralLengthOverflow) : default;
        }

        if (tail[i] != (byte)'{')
        {
            return default;
        }

        ulong length = 0;
        for (int d = i + 1; d <= lastDigit; d++)
        {
            ulong digit = (ulong)(tail[d] - '0');
            if (length > (ulong.MaxValue - digit) / 10)
            {
                return new LiteralHeader(false, 0, false, FrameError.LiteralLengthOverflow);
            }

            length = (length * 10) + digit;
        }

        bool binary = i > 0 && tail[i - 1] == (byte)'~';
        return new LiteralHeader(true, length, binary, FrameError.None);
    }
}
