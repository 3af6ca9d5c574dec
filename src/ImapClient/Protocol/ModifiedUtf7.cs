using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// Modified UTF-7 for mailbox names (RFC 3501 §5.1.3), used unless UTF-8 is in force (RFC 6855 §3, RFC 9051 §5.1).
/// </summary>
/// <remarks>
/// <para>
/// Printable US-ASCII (0x20-0x7E) stands for itself, except "&amp;", written "&amp;-". Every other UTF-16 unit is
/// written in runs of modified BASE64 ("," for "/", no "=" padding) between "&amp;" and "-".
/// </para>
/// <para>
/// Decoding is strict, because a name is also an identity: every name has exactly one encoding, and anything else
/// (an encoded run of printable ASCII, adjacent runs, nonzero pad bits, a spare BASE64 character, an unclosed run,
/// an unpaired surrogate, an 8-bit or control byte) is rejected. The caller then keeps the wire bytes as the name.
/// A decoded NUL is rejected too: such a name could not be sent back as text, only as its wire bytes.
/// </para>
/// </remarks>
internal static class ModifiedUtf7
{
    private static ReadOnlySpan<byte> Alphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,"u8;

    /// <summary>
    /// Whether <paramref name="name"/> is written the same in modified UTF-7 and in UTF-8: ASCII without "&amp;"
    /// (which modified UTF-7 writes as "&amp;-").
    /// </summary>
    public static bool IsSameInUtf8(string name) => System.Text.Ascii.IsValid(name) && !name.Contains('&', StringComparison.Ordinal);

    /// <summary>Most bytes <see cref="Encode(ReadOnlySpan{char}, Span{byte})"/> writes for a name of this length.</summary>
    /// <remarks>A lone non-ASCII unit between ASCII characters costs 5 bytes ("&amp;AOk-"); nothing costs more.</remarks>
    public static int GetMaxByteCount(int charCount) => checked(charCount * 5);

    /// <summary>Encodes a mailbox name.</summary>
    /// <exception cref="ArgumentException">The name holds NUL or an unpaired surrogate.</exception>
    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int max = GetMaxByteCount(name.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            return Encoding.ASCII.GetString(buffer[..Encode(name, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encodes a mailbox name into ASCII bytes and returns how many were written.</summary>
    /// <param name="name">The name.</param>
    /// <param name="destination">At least <see cref="GetMaxByteCount"/> bytes.</param>
    /// <exception cref="ArgumentException">The name holds NUL or an unpaired surrogate.</exception>
    public static int Encode(ReadOnlySpan<char> name, Span<byte> destination)
    {
        int written = 0;
        int i = 0;
        while (i < name.Length)
        {
            char c = name[i];
            if (IsPrintable(c))
            {
                destination[written++] = (byte)c;
                if (c == '&')
                {
                    destination[written++] = (byte)'-';
                }

                i++;
                continue;
            }

            destination[written++] = (byte)'&';
            uint bits = 0;
            int bitCount = 0;
            for (; i < name.Length && !IsPrintable(name[i]); i++)
            {
                c = name[i];
                if (c == '\0')
                {
                    throw new ArgumentException("A mailbox name cannot contain NUL.", nameof(name));
                }

                if (char.IsHighSurrogate(c) ? i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1])
                    : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(name[i - 1])))
                {
                    throw new ArgumentException("A mailbox name cannot contain an unpaired surrogate.", nameof(name));
                }

                bits = (bits << 16) | c;
                bitCount += 16;
                while (bitCount >= 6)
                {
                    bitCount -= 6;
                    destination[written++] = Alphabet[(int)((bits >> bitCount) & 0x3F)];
                }

                bits &= (1u << bitCount) - 1;
            }

            if (bitCount > 0)
            {
                destination[written++] = Alphabet[(int)((bits << (6 - bitCount)) & 0x3F)];
            }

            destination[written++] = (byte)'-';
        }

        return written;
    }

    /// <summary>Decodes a mailbox name as sent by the server, strictly (see the remarks on the type).</summary>
    /// <param name="wire">The name's bytes, after quoted-string unescaping or literal reading.</param>
    /// <param name="name">The decoded name, when the bytes are a canonical encoding.</param>
    public static bool TryDecode(ReadOnlySpan<byte> wire, [NotNullWhen(true)] out string? name)
    {
        name = null;

        // Every byte yields at most one UTF-16 unit.
        char[]? rented = null;
        Span<char> chars = wire.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(wire.Length));
        try
        {
            if (!TryDecode(wire, chars, out int length))
            {
                return false;
            }

            name = new string(chars[..length]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool TryDecode(ReadOnlySpan<byte> wire, Span<char> chars, out int length)
    {
        length = 0;
        bool afterRun = false;
        int i = 0;
        while (i < wire.Length)
        {
            byte b = wire[i];
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }

            if (b != (byte)'&')
            {
                chars[length++] = (char)b;
                afterRun = false;
                i++;
                continue;
            }

            if (i + 1 < wire.Length && wire[i + 1] == (byte)'-')
            {
                chars[length++] = '&';
                afterRun = false;
                i += 2;
                continue;
            }

            // "-&" followed by BASE64 is a null shift: the two runs must have been one.
            if (afterRun)
            {
                return false;
            }

            i++;
            uint bits = 0;
            int bitCount = 0;
            bool pendingHigh = false;
            while (true)
            {
                if (i >= wire.Length)
                {
                    return false;
                }

                b = wire[i++];
                if (b == (byte)'-')
                {
                    break;
                }

                int value = DecodeBase64(b);
                if (value < 0)
                {
                    return false;
                }

                bits = (bits << 6) | (uint)value;
                bitCount += 6;
                if (bitCount < 16)
                {
                    continue;
                }

                bitCount -= 16;
                char unit = (char)(bits >> bitCount);
                bits &= (1u << bitCount) - 1;
                if (IsPrintable(unit) || unit == '\0')
                {
                    return false;
                }

                if (char.IsHighSurrogate(unit))
                {
                    if (pendingHigh)
                    {
                        return false;
                    }

                    pendingHigh = true;
                }
                else if (char.IsLowSurrogate(unit))
                {
                    if (!pendingHigh)
                    {
                        return false;
                    }

                    pendingHigh = false;
                }
                else if (pendingHigh)
                {
                    return false;
                }

                chars[length++] = unit;
            }

            // The shortest encoding leaves fewer than 6 pad bits, all zero; the run cannot end inside a surrogate pair.
            if (bitCount >= 6 || bits != 0 || pendingHigh)
            {
                return false;
            }

            afterRun = true;
        }

        return true;
    }

    private static bool IsPrintable(char c) => c is >= (char)0x20 and <= (char)0x7E;

    private static int DecodeBase64(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)',' => 63,
        _ => -1,
    };
}
