namespace Imap.IntegrationTests;

/// <summary>
/// Content-Transfer-Encoding decoders written for the tests, whole-buffer and plain, to check the library's streaming
/// ones and the server's BINARY against: base64 through <see cref="Convert.FromBase64String"/>, quoted-printable by
/// RFC 2045 §6.7 line by line.
/// </summary>
internal static class ReferenceDecoder
{
    public static byte[] Decode(string encoding, byte[] raw) => encoding.ToUpperInvariant() switch
    {
        "BASE64" => Convert.FromBase64String(new string([.. raw.Select(b => (char)b).Where(c => !char.IsWhiteSpace(c))])),
        "QUOTED-PRINTABLE" => QuotedPrintable(raw),
        _ => raw,
    };

    private static byte[] QuotedPrintable(byte[] raw)
    {
        var output = new List<byte>(raw.Length);
        int start = 0;
        while (start < raw.Length)
        {
            int end = Array.IndexOf(raw, (byte)'\n', start);
            bool hasBreak = end >= 0;
            int lineEnd = hasBreak ? end : raw.Length;
            int contentEnd = lineEnd;
            if (hasBreak && contentEnd > start && raw[contentEnd - 1] == (byte)'\r')
            {
                contentEnd--;
            }

            // Trailing blanks are not part of the line (rule 3).
            while (contentEnd > start && raw[contentEnd - 1] is (byte)' ' or (byte)'\t')
            {
                contentEnd--;
            }

            bool soft = contentEnd > start && raw[contentEnd - 1] == (byte)'=';
            if (soft)
            {
                contentEnd--;
            }

            for (int i = start; i < contentEnd; i++)
            {
                if (raw[i] == (byte)'=' && IsHex(raw, i + 1, contentEnd) && IsHex(raw, i + 2, contentEnd))
                {
                    output.Add(Convert.ToByte(((char)raw[i + 1]).ToString() + (char)raw[i + 2], 16));
                    i += 2;
                }
                else
                {
                    output.Add(raw[i]);
                }
            }

            if (hasBreak && !soft)
            {
                output.Add((byte)'\r');
                output.Add((byte)'\n');
            }

            start = lineEnd + 1;
        }

        return [.. output];
    }

    private static bool IsHex(byte[] raw, int at, int end) => at < end && Uri.IsHexDigit((char)raw[at]);
}
