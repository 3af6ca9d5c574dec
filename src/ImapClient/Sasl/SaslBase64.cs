using System.Text;

namespace Imap.Sasl;

/// <summary>
/// The base64 of SASL in IMAP (RFC 9051 §6.2.2, RFC 4648 §4): strict on what the server sends (only the base64
/// alphabet, padded, no white space), with the size checked before anything is decoded.
/// </summary>
internal static class SaslBase64
{
    /// <summary>Decodes a server challenge.</summary>
    /// <param name="text">The text after "+ ".</param>
    /// <param name="maxDecodedLength">The most bytes the decoded data may have (<see cref="ImapLimits.MaxSaslChallengeSize"/>).</param>
    /// <exception cref="ImapProtocolException">Not base64, or larger than the limit.</exception>
    public static byte[] DecodeChallenge(string text, int maxDecodedLength)
    {
        if (text.Length == 0)
        {
            return [];
        }

        // Four characters carry three bytes; compare before decoding so that a huge challenge costs nothing.
        if (text.Length / 4 * 3L > maxDecodedLength + 2L)
        {
            throw new ImapProtocolException($"The server's SASL challenge is larger than the limit of {maxDecodedLength} bytes (ImapLimits.MaxSaslChallengeSize).");
        }

        return Decode(text, "SASL challenge") is { } data && data.Length <= maxDecodedLength
            ? data
            : throw new ImapProtocolException($"The server's SASL challenge is larger than the limit of {maxDecodedLength} bytes (ImapLimits.MaxSaslChallengeSize).");
    }

    /// <summary>Decodes one base64 value, strictly.</summary>
    /// <param name="text">The base64 text.</param>
    /// <param name="what">What the value is, for the error message.</param>
    /// <exception cref="ImapProtocolException">Not canonical padded base64.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text, string what)
    {
        if (text.Length % 4 != 0)
        {
            throw new ImapProtocolException($"The server's {what} is not base64: its length is not a multiple of 4.");
        }

        int padding = text.EndsWith("==") ? 2 : text.EndsWith("=") ? 1 : 0;
        foreach (char c in text[..^padding])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
            {
                throw new ImapProtocolException($"The server's {what} is not base64: it holds the character U+{(int)c:X4}.");
            }
        }

        byte[] decoded = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(text, decoded, out int written))
        {
            throw new ImapProtocolException($"The server's {what} is not base64.");
        }

        return decoded[..written];
    }

    /// <summary>Encodes a client response as the ASCII bytes of its base64 text.</summary>
    /// <param name="data">The raw response.</param>
    public static byte[] Encode(ReadOnlySpan<byte> data) => Encoding.ASCII.GetBytes(Convert.ToBase64String(data));
}
