using System.Buffers;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// Finds where one server response ends: at a CRLF that is not inside a literal (RFC 9051 §2.2.2, §4.3). It reads
/// nothing else of the response; the parser runs only on complete frames, so a response that fails to parse can be
/// skipped as a unit while the stream stays in sync.
/// </summary>
/// <remarks>
/// <para>
/// The framer is resumable: a call that finds no complete response remembers how far it examined, and the next
/// call, given the same bytes plus more, continues from there. Each byte is examined once, so a response made of
/// 200,000 one-byte literals frames in linear time however it arrives. Offsets are relative to the first byte of
/// the response, which the caller must keep buffered (it consumes nothing until a frame is complete).
/// </para>
/// <para>
/// Every limit is checked before the bytes it protects are buffered: a line that outgrows
/// <see cref="ImapLimits.MaxLineLength"/> fails as soon as the buffered part of it does, and a literal's announced
/// length is parsed as 64 bits with overflow detection and compared with the limits before its first byte is awaited.
/// </para>
/// </remarks>
internal sealed class ResponseFramer
{
    /// <summary>Literals up to this size are buffered as part of the frame without asking the caller.</summary>
    public const long DefaultStreamingThreshold = 64 * 1024;

    // "~{" + 20 digits + "+}\r\n" is 26 bytes; the tail we inspect for a literal header must hold all of it.
    private const int TailLength = 32;

    private readonly ImapLimits limits;
    private readonly long streamingThreshold;

    // Offsets from the first byte of the current frame (or of the current segment after a streamed literal).
    private long examined;
    private long lineStart;
    private long literalRemaining;
    private long bufferedTotal;
    private int literalCount;

    public ResponseFramer(ImapLimits limits, long streamingThreshold = DefaultStreamingThreshold)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(streamingThreshold);
        this.limits = limits;
        this.streamingThreshold = streamingThreshold;
    }

    /// <summary>
    /// Examines <paramref name="buffer"/>, which starts at the first byte of the current response, for the end of
    /// that response.
    /// </summary>
    public FrameResult Advance(ReadOnlySequence<byte> buffer)
    {
        if (examined > buffer.Length)
        {
            throw new InvalidOperationException("The buffer is shorter than what was examined before.");
        }

        var reader = new SequenceReader<byte>(buffer.Slice(examined));
        long origin = examined;
        Span<byte> tail = stackalloc byte[TailLength];
        while (true)
        {
            if (literalRemaining > 0)
            {
                long take = Math.Min(literalRemaining, reader.Remaining);
                reader.Advance(take);
                literalRemaining -= take;
                if (literalRemaining > 0)
                {
                    examined = origin + reader.Consumed;
                    return FrameResult.Incomplete;
                }

                lineStart = origin + reader.Consumed;
            }

            if (!reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
            {
                examined = buffer.Length;

                // A CR last in the buffer may begin the CRLF that ends the line, which does not count against the limit.
                long pending = examined - lineStart;
                if (pending > 0 && buffer.Slice(examined - 1).FirstSpan[0] == (byte)'\r')
                {
                    pending--;
                }

                if (pending > limits.MaxLineLength)
                {
                    return Fail(FrameError.LineTooLong);
                }

                return bufferedTotal + (examined - lineStart) > limits.MaxResponseSize
                    ? Fail(FrameError.ResponseTooLarge)
                    : FrameResult.Incomplete;
            }

            long lineEnd = origin + reader.Consumed;
            long lineLength = lineEnd - lineStart;
            int tailLength = (int)Math.Min(lineLength, TailLength);
            if (reader.CurrentSpanIndex >= tailLength)
            {
                // Common case: the line's end lies in the span just read.
                reader.CurrentSpan.Slice(reader.CurrentSpanIndex - tailLength, tailLength).CopyTo(tail);
            }
            else if (reader.Consumed >= tailLength)
            {
                reader.Rewind(tailLength);
                reader.TryCopyTo(tail[..tailLength]);
                reader.Advance(tailLength);
            }
            else
            {
                // The line began before this call's slice: read its end from the whole buffer.
                buffer.Slice(lineEnd - tailLength, tailLength).CopyTo(tail);
            }

            // The line's text without its end, a CRLF or the bare LF that is also accepted, so that the limit holds
            // alike however the line arrived.
            long terminator = tailLength >= 2 && tail[tailLength - 2] == (byte)'\r' ? 2 : 1;
            if (lineLength - terminator > limits.MaxLineLength)
            {
                return Fail(FrameError.LineTooLong);
            }

            bufferedTotal += lineLength;
            if (bufferedTotal > limits.MaxResponseSize)
            {
                return Fail(FrameError.ResponseTooLarge);
            }

            var header = LiteralHeader.Find(tail[..tailLength], lineLength > tailLength);
            if (header.Error != FrameError.None)
            {
                return Fail(header.Error);
            }

            // In a status response (OK, NO, BAD, BYE, PREAUTH, tagged or not) a literal can stand only inside its
            // response code (RFC 3501's BADCHARSET takes astrings), and a continuation request has none: a "{5}" at the
            // end of their text is text. Only the first line of a frame can be either; the frame starts at offset 0.
            if (!header.Found || (lineStart == 0 && EndsInText(buffer.Slice(0, lineEnd))))
            {
                Reset();
                return new FrameResult(FrameStatus.Complete, lineEnd, 0, FrameError.None);
            }

            if (header.Length > (ulong)limits.MaxBodySize)
            {
                return Fail(FrameError.LiteralTooLarge);
            }

            long literalLength = (long)header.Length;
            if (literalLength > streamingThreshold)
            {
                examined = lineEnd;
                lineStart = lineEnd;
                return new FrameResult(FrameStatus.LargeLiteral, lineEnd, literalLength, FrameError.None);
            }

            var accepted = Accept(literalLength);
            if (accepted != FrameError.None)
            {
                return Fail(accepted);
            }
        }
    }

    /// <summary>
    /// After <see cref="FrameStatus.LargeLiteral"/>: buffer the literal as part of the frame. Fails when it does not
    /// fit <see cref="ImapLimits.MaxLiteralSize"/> or the response limits; the stream is then out of sync unless the
    /// caller discards the literal itself.
    /// </summary>
    public FrameError AcceptLiteral(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length > limits.MaxLiteralSize ? FrameError.LiteralTooLarge : Accept(length);
    }

    /// <summary>
    /// After <see cref="FrameStatus.LargeLiteral"/>: the caller consumed the frame so far and the literal (it streamed
    /// or discarded it); the rest of the response starts at the next byte.
    /// </summary>
    public void ResumeAfterLiteral()
    {
        examined = 0;
        lineStart = 0;
        literalRemaining = 0;
    }

    /// <summary>Forgets all state; the next byte starts a new response.</summary>
    public void Reset()
    {
        examined = 0;
        lineStart = 0;
        literalRemaining = 0;
        bufferedTotal = 0;
        literalCount = 0;
    }

    private FrameError Accept(long length)
    {
        // Checked before anything changes: a literal that is refused (and then discarded by the caller) must not
        // count against the rest of its response.
        if (literalCount >= limits.MaxLiteralsPerResponse)
        {
            return FrameError.TooManyLiterals;
        }

        if (bufferedTotal + length > limits.MaxResponseSize)
        {
            return FrameError.ResponseTooLarge;
        }

        literalCount++;
        bufferedTotal += length;
        literalRemaining = length;
        return FrameError.None;
    }

    /// <summary>
    /// Whether <paramref name="line"/> (a frame's first line) is a continuation request, or a status response whose
    /// response code, if any, closed before the line's end: then what looks like a literal header at its end is text.
    /// </summary>
    private static bool EndsInText(ReadOnlySequence<byte> line)
    {
        Span<byte> start = stackalloc byte[80];
        int length = (int)Math.Min(line.Length, start.Length);
        line.Slice(0, length).CopyTo(start);
        var head = start[..length];
        if (head.IsEmpty)
        {
            return false;
        }

        if (head[0] == (byte)'+')
        {
            return true;
        }

        // "* OK|NO|BAD|BYE|PREAUTH" or "tag OK|NO|BAD" (RFC 9051 §7.1; keywords ignore case).
        int space = head.IndexOf((byte)' ');
        if (space <= 0)
        {
            return false;
        }

        bool untagged = space == 1 && head[0] == (byte)'*';
        var rest = head[(space + 1)..];
        int end = rest.IndexOfAny((byte)' ', (byte)'\r');
        if (end < 0)
        {
            return false;
        }

        var word = rest[..end];
        bool status = Ascii.EqualsIgnoreCase(word, "OK"u8) || Ascii.EqualsIgnoreCase(word, "NO"u8) || Ascii.EqualsIgnoreCase(word, "BAD"u8)
            || (untagged && (Ascii.EqualsIgnoreCase(word, "BYE"u8) || Ascii.EqualsIgnoreCase(word, "PREAUTH"u8)));
        if (!status)
        {
            return false;
        }

        // resp-text = ["[" resp-text-code "]" SP] [text]: with no code, or a code closed before the end, the end is text.
        long codeStart = space + 1 + end + 1;
        Span<byte> first = stackalloc byte[1];
        if (codeStart >= line.Length)
        {
            return true;
        }

        line.Slice(codeStart, 1).CopyTo(first);
        if (first[0] != (byte)'[')
        {
            return true;
        }

        // RFC 3501's BADCHARSET takes astrings, which may hold "]" and be literals: where it opens the code, a literal
        // header at the end is taken as one. Any other code ends at its first "]".
        Span<byte> name = stackalloc byte[11];
        int nameLength = (int)Math.Min(name.Length, line.Length - codeStart - 1);
        line.Slice(codeStart + 1, nameLength).CopyTo(name);
        if (Ascii.EqualsIgnoreCase(name[..nameLength], "BADCHARSET "u8))
        {
            return false;
        }

        return line.Slice(codeStart).PositionOf((byte)']') is not null;
    }

    private FrameResult Fail(FrameError error)
    {
        Reset();
        return FrameResult.Failed(error);
    }
}
