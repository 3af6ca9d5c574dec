namespace Imap.Fuzz;

/// <summary>
/// How a fuzz input is cut into pieces. Two control bytes that IMAP never needs outside literals serve as marks, so
/// that the fuzzer chooses the cuts by inserting or deleting one byte, and a corpus file stays readable text.
/// </summary>
public static class FuzzInput
{
    /// <summary>
    /// ASCII RS: in the session target, the server's next output waits for the client's next line (the reply to a
    /// command); the parser target reads it as an ordinary byte.
    /// </summary>
    public const byte SegmentMark = 0x1E;

    /// <summary>ASCII US: the bytes on either side arrive in separate reads (separate buffer segments).</summary>
    public const byte ReadMark = 0x1F;

    /// <summary>Splits <paramref name="input"/> at every <paramref name="mark"/>, dropping the marks; always at least one piece.</summary>
    public static List<byte[]> Split(ReadOnlySpan<byte> input, byte mark)
    {
        var pieces = new List<byte[]>();
        while (true)
        {
            int at = input.IndexOf(mark);
            if (at < 0)
            {
                pieces.Add(input.ToArray());
                return pieces;
            }

            pieces.Add(input[..at].ToArray());
            input = input[(at + 1)..];
        }
    }
}
