using System.Buffers;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// The tokenizer: reads the tokens of the IMAP grammar (RFC 9051 §9, RFC 3501 §9) from one complete, framed
/// response. Every method is named after the production it reads, allocates nothing, and on failure returns
/// <see langword="false"/> without a defined position (the caller abandons the response).
/// </summary>
/// <remarks>
/// Because the framer hands over only complete responses, running out of bytes here always means the response is
/// malformed, never that more bytes are needed. A single-segment frame (the common case) is read through a span;
/// <see cref="SequenceReader{T}"/> handles frames that span buffer segments.
/// </remarks>
internal ref struct ResponseTokenizer
{
    private SequenceReader<byte> reader;

    public ResponseTokenizer(ReadOnlySequence<byte> frame)
    {
        reader = new SequenceReader<byte>(frame);
    }

    /// <summary>Bytes read so far.</summary>
    public readonly long Consumed => reader.Consumed;

    public readonly bool End => reader.End;

    public readonly long Remaining => reader.Remaining;

    /// <summary>The unread rest of the frame.</summary>
    public readonly ReadOnlySequence<byte> Rest => reader.UnreadSequence;

    public readonly bool TryPeek(out byte value) => reader.TryPeek(out value);

    public readonly bool IsNext(byte value) => reader.TryPeek(out byte b) && b == value;

    public void Skip(int count) => reader.Advance(count);

    /// <summary>Reads one expected byte.</summary>
    public bool TryRead(byte expected)
    {
        if (reader.TryPeek(out byte b) && b == expected)
        {
            reader.Advance(1);
            return true;
        }

        return false;
    }

    public bool TryReadSpace() => TryRead((byte)' ');

    /// <summary>CRLF, the end of every response.</summary>
    public bool TryReadCrlf() => reader.IsNext("\r\n"u8, advancePast: true);

    /// <summary>Reads an ASCII keyword, ignoring case, when it is followed by a byte that cannot continue an atom.</summary>
    public bool TryReadKeyword(ReadOnlySpan<byte> upperKeyword)
    {
        var span = reader.UnreadSpan;
        if (span.Length > upperKeyword.Length)
        {
            if (!Ascii.EqualsIgnoreCase(span[..upperKeyword.Length], upperKeyword)
                || CharClass.Is(span[upperKeyword.Length], CharClass.Atom))
            {
                return false;
            }

            reader.Advance(upperKeyword.Length);
            return true;
        }

        return TryReadKeywordSlow(upperKeyword);
    }

    /// <summary>1*ATOM-CHAR.</summary>
    public bool TryReadAtom(out ReadOnlySequence<byte> atom) => TryReadRun(CharClass.Atom, out atom);

    /// <summary>A FETCH item name: the atom before a "[section]".</summary>
    public bool TryReadItemName(out ReadOnlySequence<byte> name) => TryReadRun(CharClass.ItemName, out name);

    /// <summary>tag: 1*&lt;any ASTRING-CHAR except "+"&gt;.</summary>
    public bool TryReadTag(out ReadOnlySequence<byte> tag) => TryReadRun(CharClass.Tag, out tag);

    /// <summary>number: 1*DIGIT fitting in 32 bits.</summary>
    public bool TryReadNumber(out uint value)
    {
        if (TryReadNumber64(out ulong wide) && wide <= uint.MaxValue)
        {
            value = (uint)wide;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>nz-number: a number that is not zero.</summary>
    public bool TryReadNzNumber(out uint value) => TryReadNumber(out value) && value != 0;

    /// <summary>number64 (RFC 9051): 1*DIGIT up to 2^63-1. Also mod-sequence-value.</summary>
    public bool TryReadNumber64(out ulong value)
    {
        value = 0;
        var span = reader.UnreadSpan;
        int digits = 0;
        while (digits < span.Length && char.IsAsciiDigit((char)span[digits]))
        {
            ulong digit = (ulong)(span[digits] - '0');
            if (value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
            digits++;
        }

        if (digits < span.Length || reader.Remaining == span.Length)
        {
            reader.Advance(digits);
            return digits > 0;
        }

        // The number runs on into the next segment: read it byte by byte from its start.
        value = 0;
        digits = 0;
        while (reader.TryPeek(out byte b) && char.IsAsciiDigit((char)b))
        {
            ulong digit = (ulong)(b - '0');
            if (value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
            reader.Advance(1);
            digits++;
        }

        return digits > 0;
    }

    /// <summary>NIL, case-insensitively.</summary>
    public bool TryReadNil() => TryReadKeyword("NIL"u8);

    /// <summary>quoted: DQUOTE *QUOTED-CHAR DQUOTE. Rejects NUL, CR, LF and escapes of anything but quoted-specials.</summary>
    public bool TryReadQuoted(out RawString value)
    {
        value = default;
        if (!TryRead((byte)'"'))
        {
            return false;
        }

        // Fast path: the whole string in the current span, found with a vectorized search for the bytes that matter.
        var span = reader.UnreadSpan;
        bool escaped = false;
        int at = 0;
        while (true)
        {
            int stop = span[at..].IndexOfAny(CharClass.QuotedStops);
            if (stop < 0)
            {
                break;
            }

            at += stop;
            byte b = span[at];
            if (b == (byte)'"')
            {
                value = new RawString(reader.UnreadSequence.Slice(0, at), escaped ? StringKind.QuotedEscaped : StringKind.Quoted);
                reader.Advance(at + 1);
                return true;
            }

            if (b != (byte)'\\' || at + 1 >= span.Length)
            {
                // CR, LF or NUL inside a quoted string, or an escape at the end of the span (handled below).
                if (b != (byte)'\\')
                {
                    return false;
                }

                break;
            }

            if (span[at + 1] != (byte)'"' && span[at + 1] != (byte)'\\')
            {
                return false;
            }

            escaped = true;
            at += 2;
        }

        return TryReadQuotedSlow(out value);
    }

    private bool TryReadQuotedSlow(out RawString value)
    {
        value = default;
        var start = reader.Position;
        long startConsumed = reader.Consumed;
        bool escaped = false;
        while (reader.TryRead(out byte b))
        {
            if (b == (byte)'"')
            {
                var bytes = reader.Sequence.Slice(start, reader.Consumed - 1 - startConsumed);
                value = new RawString(bytes, escaped ? StringKind.QuotedEscaped : StringKind.Quoted);
                return true;
            }

            if (b == (byte)'\\')
            {
                if (!reader.TryRead(out byte next) || (next != (byte)'"' && next != (byte)'\\'))
                {
                    return false;
                }

                escaped = true;
            }
            else if (!CharClass.Is(b, CharClass.QuotedPlain))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>literal: "{" number64 ["+"] "}" CRLF *CHAR8, or literal8 with a leading "~" (RFC 3516).</summary>
    public bool TryReadLiteral(out RawString value) => TryReadLiteral(out value, allowNul: false);

    /// <summary>
    /// As <see cref="TryReadLiteral(out RawString)"/>; with <paramref name="allowNul"/>, a plain literal may carry NUL
    /// too. Only for message content (FETCH section data), which the library hands over as bytes and never interprets:
    /// real mail holds NUL, and servers send it inside plain literals. Everything the library reads as text keeps
    /// the CHAR8 rule.
    /// </summary>
    public bool TryReadLiteral(out RawString value, bool allowNul)
    {
        value = default;
        bool binary = TryRead((byte)'~');
        if (!TryReadLiteralHeader(out ulong length) || (ulong)reader.Remaining < length)
        {
            return false;
        }

        var bytes = reader.UnreadSequence.Slice(0, (long)length);
        if (!binary && !allowNul && bytes.PositionOf((byte)0) is not null)
        {
            // CHAR8 excludes NUL; only literal8 may carry it.
            return false;
        }

        reader.Advance((long)length);
        value = new RawString(bytes, StringKind.Literal);
        return true;
    }

    /// <summary>"{" number64 ["+"] "}" CRLF: the header of a literal whose data is read by someone else.</summary>
    public bool TryReadLiteralHeader(out ulong length)
    {
        length = 0;
        if (!TryRead((byte)'{') || !TryReadNumber64(out length))
        {
            return false;
        }

        TryRead((byte)'+');
        return TryRead((byte)'}') && TryReadCrlf();
    }

    /// <summary>string: quoted / literal.</summary>
    public bool TryReadString(out RawString value)
    {
        if (!reader.TryPeek(out byte b))
        {
            value = default;
            return false;
        }

        return b == (byte)'"' ? TryReadQuoted(out value) : TryReadLiteral(out value);
    }

    /// <summary>nstring: string / NIL.</summary>
    public bool TryReadNString(out RawString value)
    {
        if (reader.TryPeek(out byte b) && (b == (byte)'N' || b == (byte)'n'))
        {
            value = RawString.Nil;
            return TryReadNil();
        }

        return TryReadString(out value);
    }

    /// <summary>astring: 1*ASTRING-CHAR / string.</summary>
    public bool TryReadAString(out RawString value)
    {
        if (IsStringStart())
        {
            return TryReadString(out value);
        }

        if (TryReadRun(CharClass.AString, out var atom))
        {
            value = new RawString(atom, StringKind.Atom);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// A mailbox name in LIST / LSUB: astring, or a run of list-chars (RFC 9051 §9 <c>mailbox</c> and
    /// <c>list-mailbox</c>; servers send names containing % and * unquoted).
    /// </summary>
    public bool TryReadListMailbox(out RawString value)
    {
        if (IsStringStart())
        {
            return TryReadString(out value);
        }

        if (TryReadRun(CharClass.ListChar, out var atom))
        {
            value = new RawString(atom, StringKind.Atom);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// flag / flag-perm / flag-fetch: "\" atom (system flag or extension), "\*", or a keyword atom. The result
    /// includes the backslash.
    /// </summary>
    public bool TryReadFlag(out ReadOnlySequence<byte> flag)
    {
        var start = reader.Position;
        if (TryRead((byte)'\\'))
        {
            if (!TryRead((byte)'*') && !TryReadAtom(out _))
            {
                flag = default;
                return false;
            }
        }
        else if (!TryReadAtom(out _))
        {
            flag = default;
            return false;
        }

        flag = reader.Sequence.Slice(start, reader.Position);
        return true;
    }

    /// <summary>
    /// text: 1*TEXT-CHAR up to the CRLF (not consumed). Empty text is accepted, as servers send "OK" with no text.
    /// </summary>
    public bool TryReadText(out ReadOnlySequence<byte> text)
    {
        var start = reader.Position;
        if (!reader.TryAdvanceTo((byte)'\r', advancePastDelimiter: false))
        {
            text = default;
            return false;
        }

        text = reader.Sequence.Slice(start, reader.Position);
        return text.PositionOf((byte)'\n') is null && text.PositionOf((byte)0) is null;
    }

    /// <summary>
    /// date-time: DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    /// (RFC 9051 §9), e.g. "17-Jul-1996 02:44:25 -0700".
    /// </summary>
    public bool TryReadDateTime(out DateTimeOffset value)
    {
        value = default;
        Span<byte> s = stackalloc byte[26];
        if (reader.Remaining < 28 || !TryRead((byte)'"') || !reader.TryCopyTo(s))
        {
            return false;
        }

        reader.Advance(26);
        if (!TryRead((byte)'"'))
        {
            return false;
        }

        return DateTimeSyntax.TryParseImapDateTime(s, out value);
    }

    /// <summary>
    /// Skips one value of unknown shape: an atom-like token, a string, NIL, or a parenthesised list of such values,
    /// nested at most <paramref name="maxDepth"/> deep. Iterative: hostile nesting cannot exhaust the stack.
    /// </summary>
    public bool TrySkipValue(int maxDepth)
    {
        // Fast path: the whole value inside the current span, skipped by index arithmetic and vectorized searches.
        switch (SingleSpanValueSkipper.Skip(reader.UnreadSpan, maxDepth, out int length))
        {
            case SingleSpanValueSkipper.Result.Skipped:
                reader.Advance(length);
                return true;
            case SingleSpanValueSkipper.Result.Invalid:
                return false;
            default:
                return reader.Remaining > reader.UnreadSpan.Length && TrySkipValueSlow(maxDepth);
        }
    }

    private bool TrySkipValueSlow(int maxDepth)
    {
        int depth = 0;
        while (true)
        {
            if (!reader.TryPeek(out byte b))
            {
                return false;
            }

            if (b == (byte)'(')
            {
                if (++depth > maxDepth)
                {
                    return false;
                }

                reader.Advance(1);
                if (TryRead((byte)')'))
                {
                    depth--;
                }
                else
                {
                    continue;
                }
            }
            else if (IsStringStart())
            {
                if (!TryReadString(out _))
                {
                    return false;
                }
            }
            else if (b == (byte)'\\')
            {
                if (!TryReadFlag(out _))
                {
                    return false;
                }
            }
            else if (!TryReadRun(CharClass.ListChar, out _) && !TryReadSection())
            {
                return false;
            }

            // After a value: lists end, or a space separates the next value. Servers put stray spaces before ")",
            // and a value being skipped is already known to be damaged, so spaces are taken loosely here.
            while (true)
            {
                while (depth > 0 && TryRead((byte)')'))
                {
                    depth--;
                }

                if (depth == 0)
                {
                    return true;
                }

                // Lists follow each other without a space in the grammar's "1*address" and "1*body".
                if (IsNext((byte)'('))
                {
                    break;
                }

                if (!TryReadSpace())
                {
                    return false;
                }

                while (IsNext((byte)' '))
                {
                    reader.Advance(1);
                }

                if (!IsNext((byte)')'))
                {
                    break;
                }
            }
        }
    }

    /// <summary>Whether a quoted string, a literal or a literal8 ("~{") starts here; "~" alone starts an atom.</summary>
    private readonly bool IsStringStart()
    {
        if (!reader.TryPeek(out byte b))
        {
            return false;
        }

        return b == (byte)'"' || b == (byte)'{' || (b == (byte)'~' && reader.TryPeek(1, out byte next) && next == (byte)'{');
    }

    private bool TryReadSection()
    {
        // A bracketed section inside an unknown value, as in BODY[...]; brackets do not nest.
        if (!TryRead((byte)'['))
        {
            return false;
        }

        return reader.TryAdvanceTo((byte)']', advancePastDelimiter: true);
    }

    private bool TryReadRun(byte charClass, out ReadOnlySequence<byte> run)
    {
        var span = reader.UnreadSpan;
        int i = span.IndexOfAnyExcept(CharClass.MembersOf(charClass));
        if (i >= 0 || reader.Remaining == span.Length)
        {
            if (i < 0)
            {
                i = span.Length;
            }

            if (i == 0)
            {
                run = default;
                return false;
            }

            run = reader.UnreadSequence.Slice(0, i);
            reader.Advance(i);
            return true;
        }

        var start = reader.Position;
        long count = 0;
        while (reader.TryPeek(out byte b) && CharClass.Is(b, charClass))
        {
            reader.Advance(1);
            count++;
        }

        run = reader.Sequence.Slice(start, reader.Position);
        return count > 0;
    }

    private bool TryReadKeywordSlow(ReadOnlySpan<byte> upperKeyword)
    {
        var probe = reader;
        foreach (byte expected in upperKeyword)
        {
            if (!probe.TryRead(out byte b) || ToUpperAscii(b) != expected)
            {
                return false;
            }
        }

        if (probe.TryPeek(out byte after) && CharClass.Is(after, CharClass.Atom))
        {
            return false;
        }

        reader = probe;
        return true;
    }

    private static byte ToUpperAscii(byte b) => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 0x20) : b;
}
