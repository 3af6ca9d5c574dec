namespace Imap;

/// <summary>
/// Decodes quoted-printable (RFC 2045 §6.7) as it reads: "=XX" becomes the byte, "=" at the end of a line joins it to
/// the next, and spaces and tabs at the end of a line are removed. An "=" not followed by two hex digits or a line end
/// is kept as it is, as the RFC suggests for robustness.
/// </summary>
internal sealed class QuotedPrintableDecodingStream(Stream inner) : TransferDecodingStream(inner)
{
    // Spaces and tabs not yet known to be inside a line (written) or at its end (dropped); at most Carry of them are
    // held, beyond which they are written: no real line ends in a kilobyte of blanks.
    private readonly byte[] blanks = new byte[Carry];
    private int blankCount;

    // After "=": 0 nothing pending; 1 "=" seen; 2 "=" and one hex digit (in hex); 3 "=" and blanks seen (a soft break
    // with trailing blanks, or not); 4 "=" CR seen.
    private int state;
    private byte hex;

    protected override int Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded, bool final)
    {
        int written = 0;
        foreach (byte b in encoded)
        {
            switch (state)
            {
                case 1 when IsHex(b):
                    hex = b;
                    state = 2;
                    continue;
                case 1 when b is (byte)' ' or (byte)'\t':
                    state = 3;
                    continue;
                case 1 or 3 when b == (byte)'\r':
                    state = 4;
                    continue;
                case 1 or 3 or 4 when b == (byte)'\n':
                    // A soft line break (also bare LF, and "=" with trailing blanks).
                    state = 0;
                    continue;
                case 3 when b is (byte)' ' or (byte)'\t':
                    continue;
                case 2 when IsHex(b):
                    decoded[written++] = (byte)((HexValue(hex) << 4) | HexValue(b));
                    state = 0;
                    continue;
                case 1 or 3:
                    decoded[written++] = (byte)'=';
                    state = 0;
                    break;
                case 2:
                    decoded[written++] = (byte)'=';
                    decoded[written++] = hex;
                    state = 0;
                    break;
                case 4:
                    // "=" CR without LF: keep the CR as data.
                    decoded[written++] = (byte)'\r';
                    state = 0;
                    break;
            }

            if (b is (byte)' ' or (byte)'\t')
            {
                if (blankCount == blanks.Length)
                {
                    written += Flush(decoded[written..]);
                }

                blanks[blankCount++] = b;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                blankCount = 0;
            }
            else
            {
                written += Flush(decoded[written..]);
            }

            if (b == (byte)'=')
            {
                state = 1;
                continue;
            }

            decoded[written++] = b;
        }

        if (final)
        {
            // The data ended inside a sequence: "=" at the very end is a soft break; blanks at the end are trailing.
            if (state == 2)
            {
                decoded[written++] = (byte)'=';
                decoded[written++] = hex;
            }

            state = 0;
            blankCount = 0;
        }

        return written;
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private int Flush(Span<byte> decoded)
    {
        int n = blankCount;
        blanks.AsSpan(0, n).CopyTo(decoded);
        blankCount = 0;
        return n;
    }
}
