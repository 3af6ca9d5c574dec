namespace Imap;

/// <summary>
/// Decodes base64 (RFC 2045 §6.8) as it reads. Line breaks, spaces and any other byte outside the alphabet are
/// skipped, as the RFC asks of decoders; the first "=" ends the data. A final group of one character, which carries
/// no whole byte, is dropped.
/// </summary>
internal sealed class Base64DecodingStream(Stream inner) : TransferDecodingStream(inner)
{
    private static readonly sbyte[] Values = CreateValues();
    private int bits;
    private int count;
    private bool padded;

    protected override int Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded, bool final)
    {
        int written = 0;
        foreach (byte b in encoded)
        {
            if (padded)
            {
                break;
            }

            if (b == (byte)'=')
            {
                padded = true;
                break;
            }

            int value = Values[b];
            if (value < 0)
            {
                continue;
            }

            bits = (bits << 6) | value;
            if (++count == 4)
            {
                decoded[written++] = (byte)(bits >> 16);
                decoded[written++] = (byte)(bits >> 8);
                decoded[written++] = (byte)bits;
                bits = 0;
                count = 0;
            }
        }

        if (padded || final)
        {
            // What is left of an unfinished group: 2 characters hold one byte, 3 hold two.
            if (count >= 2)
            {
                decoded[written++] = (byte)(bits >> ((count * 6) - 8));
            }

            if (count == 3)
            {
                decoded[written++] = (byte)(bits >> 2);
            }

            count = 0;
            bits = 0;
        }

        return written;
    }

    private static sbyte[] CreateValues()
    {
        var values = new sbyte[256];
        Array.Fill(values, (sbyte)-1);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
