using System.Text;

namespace Imap.Sasl;

/// <summary>
/// Splits a SCRAM server message into its attributes (RFC 5802 §7: <c>attr-val = ALPHA "=" value</c>, separated by
/// ","), checking that every one has that shape and that the message is UTF-8 without NUL.
/// </summary>
internal static class ScramAttributes
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<(char Name, string Value)> Parse(ReadOnlySpan<byte> message, string what)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImapProtocolException($"The server's SCRAM {what} is not UTF-8.", e);
        }

        if (text.Length == 0)
        {
            throw new ImapProtocolException($"The server's SCRAM {what} is empty.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ImapProtocolException($"The server's SCRAM {what} contains NUL.");
        }

        var attributes = new List<(char, string)>();
        foreach (string part in text.Split(','))
        {
            if (part.Length < 3 || !char.IsAsciiLetter(part[0]) || part[1] != '=')
            {
                throw new ImapProtocolException($"The server's SCRAM {what} has a malformed attribute (expected a letter, '=' and a non-empty value).");
            }

            attributes.Add((part[0], part[2..]));
        }

        return attributes;
    }
}
