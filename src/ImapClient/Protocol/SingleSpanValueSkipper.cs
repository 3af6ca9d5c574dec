namespace Imap.Protocol;

/// <summary>
/// Skips one value (atom, string, literal, NIL, flag, or nested list of these) inside a single span: the fast path of
/// <see cref="ResponseTokenizer.TrySkipValue"/>. Nesting is counted, never recursed.
/// </summary>
internal static class SingleSpanValueSkipper
{
    public enum Result
    {
        Skipped,
        Invalid,

        /// <summary>The value runs past the end of the span; the caller uses the segment-aware path.</summary>
        Incomplete,
    }

    public static Result Skip(ReadOnlySpan<byte> s, int maxDepth, out int length)
    {
        length = 0;
        int i = 0;
        int depth = 0;
        while (true)
        {
            if (i >= s.Length)
            {
                return Result.Incomplete;
            }

            byte b = s[i];
            if (b == (byte)'(')
            {
                if (++depth > maxDepth)
                {
                    return Result.Invalid;
                }

                i++;
                if (i < s.Length && s[i] == (byte)')')
                {
                    depth--;
                    i++;
                }
                else
                {
                    continue;
                }
            }
            else
            {
                var step = SkipToken(s, i, out i);
                if (step != Result.Skipped)
                {
                    return step;
                }
            }

            // After a value: lists close, a space separates the next value, or a list follows directly ("1*body").
            while (true)
            {
                while (depth > 0 && i < s.Length && s[i] == (byte)')')
                {
                    depth--;
                    i++;
                }

                if (depth == 0)
                {
                    length = i;
                    return Result.Skipped;
                }

                if (i >= s.Length)
                {
                    return Result.Incomplete;
                }

                if (s[i] == (byte)'(')
                {
                    break;
                }

                if (s[i] != (byte)' ')
                {
                    return Result.Invalid;
                }

                while (i < s.Length && s[i] == (byte)' ')
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    return Result.Incomplete;
                }

                if (s[i] != (byte)')')
                {
                    break;
                }
            }
        }
    }

    private static Result SkipToken(ReadOnlySpan<byte> s, int i, out int end)
    {
        end = i;
        byte b = s[i];
        if (b == (byte)'"')
        {
            return SkipQuoted(s, i + 1, out end);
        }

        if (b == (byte)'{' || (b == (byte)'~' && i + 1 < s.Length && s[i + 1] == (byte)'{'))
        {
            return SkipLiteral(s, b == (byte)'~' ? i + 1 : i, binary: b == (byte)'~', out end);
        }

        if (b == (byte)'\\')
        {
            // A flag: "\*" or "\" atom.
            i++;
            if (i < s.Length && s[i] == (byte)'*')
            {
                end = i + 1;
                return Result.Skipped;
            }

            int atom = Run(s, i, CharClass.Atom);
            if (atom == i)
            {
                return i >= s.Length ? Result.Incomplete : Result.Invalid;
            }

            // A flag that reaches the end of the span may go on in the next segment.
            end = atom;
            return atom >= s.Length ? Result.Incomplete : Result.Skipped;
        }

        int run = Run(s, i, CharClass.ListChar);
        if (run < s.Length && s[run] == (byte)'[')
        {
            // A bracketed section inside an unknown value, as in BODY[...]; brackets do not nest.
            int close = s[run..].IndexOf((byte)']');
            if (close < 0)
            {
                return Result.Incomplete;
            }

            run = Run(s, run + close + 1, CharClass.ListChar);
        }

        if (run == i)
        {
            return i >= s.Length ? Result.Incomplete : Result.Invalid;
        }

        end = run;
        return run >= s.Length ? Result.Incomplete : Result.Skipped;
    }

    private static Result SkipQuoted(ReadOnlySpan<byte> s, int i, out int end)
    {
        end = i;
        while (true)
        {
            int stop = s[i..].IndexOfAny(CharClass.QuotedStops);
            if (stop < 0)
            {
                return Result.Incomplete;
            }

            i += stop;
            if (s[i] == (byte)'"')
            {
                end = i + 1;
                return Result.Skipped;
            }

            if (s[i] != (byte)'\\')
            {
                return Result.Invalid;
            }

            if (i + 1 >= s.Length)
            {
                return Result.Incomplete;
            }

            if (s[i + 1] != (byte)'"' && s[i + 1] != (byte)'\\')
            {
                return Result.Invalid;
            }

            i += 2;
        }
    }

    private static Result SkipLiteral(ReadOnlySpan<byte> s, int i, bool binary, out int end)
    {
        end = i;
        i++;
        ulong length = 0;
        int digits = 0;
        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            ulong digit = (ulong)(s[i] - '0');
            if (length > (long.MaxValue - digit) / 10)
            {
                return Result.Invalid;
            }

            length = (length * 10) + digit;
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == (byte)'+')
        {
            i++;
        }

        if (i + 2 >= s.Length)
        {
            return Result.Incomplete;
        }

        if (digits == 0 || s[i] != (byte)'}' || s[i + 1] != (byte)'\r' || s[i + 2] != (byte)'\n')
        {
            return Result.Invalid;
        }

        i += 3;
        if ((ulong)(s.Length - i) < length)
        {
            return Result.Incomplete;
        }

        if (!binary && s.Slice(i, (int)length).IndexOf((byte)0) >= 0)
        {
            return Result.Invalid;
        }

        end = i + (int)length;
        return Result.Skipped;
    }

    private static int Run(ReadOnlySpan<byte> s, int i, byte charClass)
    {
        int stop = s[i..].IndexOfAnyExcept(CharClass.MembersOf(charClass));
        return stop < 0 ? s.Length : i + stop;
    }
}
