namespace Imap.Mime;

/// <summary>
/// Parses the Date header as ENVELOPE returns it: RFC 5322 §3.3 date-time, with the obsolete forms of §4.3 that old
/// and broken mailers still send. No culture is involved.
/// </summary>
/// <remarks>
/// <para>Accepted, beyond the strict grammar:</para>
/// <list type="bullet">
/// <item>Whitespace and comments (nested, with backslash escapes) wherever whitespace may stand; a missing space
/// after the comma; <c>-</c> instead of whitespace between day, month and year (<c>1-Jan-2024</c>).</item>
/// <item>A day of the week, abbreviated or in full, with or without its comma. It is not checked against the date,
/// which wins when they disagree.</item>
/// <item>Three-letter month names in any letter case (a full month name is rejected). One-digit days and
/// hours.</item>
/// <item>Two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999; three-digit years add 1900 (§4.3).</item>
/// <item>Missing seconds are 0; second 60 (a leap second, which <see cref="DateTimeOffset"/> cannot hold) is 59;
/// fractional seconds are ignored.</item>
/// <item>Zones: <c>+hhmm</c>, <c>-hhmm</c> and <c>+hh:mm</c>; UT, GMT, UTC and Z are +0000; EST/EDT, CST/CDT,
/// MST/MDT and PST/PDT have their US offsets; any other alphabetic zone (military letters, CET, ...) and a missing
/// zone mean the offset is unknown, which RFC 5322 writes <c>-0000</c>: the value then has offset zero.
/// <c>-0000</c> itself cannot be told apart from <c>+0000</c> in the result.</item>
/// <item>Anything after the zone is ignored (the comment <c>(PST)</c>, or mailer garbage).</item>
/// </list>
/// <para>Rejected (<see langword="false"/>): a missing or unknown month; a day that does not exist in its month
/// (31 Apr, 29 Feb 2023); hour above 23 or minute above 59; a numeric zone that is not four digits or lies beyond
/// ±14:00 or has minutes above 59; a year of one digit or beyond 9999; a time whose UTC value lies outside the range of
/// <see cref="DateTimeOffset"/>; a leading word that is not a day name.</para>
/// </remarks>
internal static class MessageDate
{
    /// <summary>Parses an RFC 5322 date-time.</summary>
    /// <param name="raw">The header value as the server sent it.</param>
    /// <param name="value">The date and time with its offset, or <see langword="default"/>.</param>
    /// <returns>Whether <paramref name="raw"/> held a date-time.</returns>
    public static bool TryParse(ReadOnlySpan<byte> raw, out DateTimeOffset value)
    {
        value = default;
        int p = 0;
        SkipCfws(raw, ref p);

        if (p < raw.Length && IsLetter(raw[p]))
        {
            if (!IsDayName(ReadLetters(raw, ref p)))
            {
                return false;
            }

            SkipCfws(raw, ref p);
            if (p < raw.Length && raw[p] == (byte)',')
            {
                p++;
                SkipCfws(raw, ref p);
            }
        }

        if (!TryReadNumber(raw, ref p, 1, 2, out int day))
        {
            return false;
        }

        SkipDateSeparators(raw, ref p);
        int month = MonthNumber(ReadLetters(raw, ref p));
        if (month == 0)
        {
            return false;
        }

        SkipDateSeparators(raw, ref p);
        int yearStart = p;
        if (!TryReadNumber(raw, ref p, 2, 9, out int year))
        {
            return false;
        }

        year = (p - yearStart) switch
        {
            2 => year < 50 ? 2000 + year : 1900 + year,
            3 => 1900 + year,
            _ => year,
        };

        SkipCfws(raw, ref p);
        if (!TryReadNumber(raw, ref p, 1, 2, out int hour) || !TryReadColon(raw, ref p)
            || !TryReadNumber(raw, ref p, 2, 2, out int minute))
        {
            return false;
        }

        int second = 0;
        if (TryReadColon(raw, ref p))
        {
            if (!TryReadNumber(raw, ref p, 2, 2, out second))
            {
                return false;
            }

            if (p < raw.Length && raw[p] == (byte)'.')
            {
                p++;
                while (p < raw.Length && IsDigit(raw[p]))
                {
                    p++;
                }
            }
        }

        SkipCfws(raw, ref p);
        if (!TryReadZone(raw, ref p, out int offsetMinutes))
        {
            return false;
        }

        if (second == 60)
        {
            second = 59;
        }

        if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month) || day < 1 || hour > 23 || minute > 59
            || second > 59)
        {
            return false;
        }

        long localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
        long offsetTicks = offsetMinutes * TimeSpan.TicksPerMinute;
        long utcTicks = localTicks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, TimeSpan.FromTicks(offsetTicks));
        return true;
    }

    private static bool TryReadZone(ReadOnlySpan<byte> raw, ref int p, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (p >= raw.Length)
        {
            return true;
        }

        byte sign = raw[p];
        if (sign is (byte)'+' or (byte)'-')
        {
            p++;
            int digitsStart = p;
            if (!TryReadNumber(raw, ref p, 2, 4, out int number))
            {
                return false;
            }

            int hours, minutes;
            if (p - digitsStart == 4)
            {
                (hours, minutes) = Math.DivRem(number, 100);
            }
            else if (p - digitsStart == 2 && p < raw.Length && raw[p] == (byte)':')
            {
                hours = number;
                p++;
                if (!TryReadNumber(raw, ref p, 2, 2, out minutes))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            offsetMinutes = (hours * 60) + minutes;
            if (minutes > 59 || offsetMinutes > 14 * 60)
            {
                return false;
            }

            if (sign == (byte)'-')
            {
                offsetMinutes = -offsetMinutes;
            }

            return true;
        }

        if (IsLetter(sign))
        {
            offsetMinutes = ZoneOffsetMinutes(ReadLetters(raw, ref p));
        }

        return true;
    }

    private static int ZoneOffsetMinutes(ReadOnlySpan<byte> name)
    {
        if (name.Length != 3)
        {
            return 0;
        }

        // Obsolete US zones (RFC 5322 §4.3); other names are unknown, which is offset zero.
        int hours = (Lower(name[0]), Lower(name[1]), Lower(name[2])) switch
        {
            ((byte)'e', (byte)'s', (byte)'t') => -5,
            ((byte)'e', (byte)'d', (byte)'t') => -4,
            ((byte)'c', (byte)'s', (byte)'t') => -6,
            ((byte)'c', (byte)'d', (byte)'t') => -5,
            ((byte)'m', (byte)'s', (byte)'t') => -7,
            ((byte)'m', (byte)'d', (byte)'t') => -6,
            ((byte)'p', (byte)'s', (byte)'t') => -8,
            ((byte)'p', (byte)'d', (byte)'t') => -7,
            _ => 0,
        };
        return hours * 60;
    }

    private static bool IsDayName(ReadOnlySpan<byte> name) =>
        Matches(name, "mon"u8, "monday"u8) || Matches(name, "tue"u8, "tuesday"u8)
        || Matches(name, "wed"u8, "wednesday"u8) || Matches(name, "thu"u8, "thursday"u8)
        || Matches(name, "fri"u8, "friday"u8) || Matches(name, "sat"u8, "saturday"u8)
        || Matches(name, "sun"u8, "sunday"u8);

    private static int MonthNumber(ReadOnlySpan<byte> name)
    {
        if (name.Length != 3)
        {
            return 0;
        }

        return (Lower(name[0]), Lower(name[1]), Lower(name[2])) switch
        {
            ((byte)'j', (byte)'a', (byte)'n') => 1,
            ((byte)'f', (byte)'e', (byte)'b') => 2,
            ((byte)'m', (byte)'a', (byte)'r') => 3,
            ((byte)'a', (byte)'p', (byte)'r') => 4,
            ((byte)'m', (byte)'a', (byte)'y') => 5,
            ((byte)'j', (byte)'u', (byte)'n') => 6,
            ((byte)'j', (byte)'u', (byte)'l') => 7,
            ((byte)'a', (byte)'u', (byte)'g') => 8,
            ((byte)'s', (byte)'e', (byte)'p') => 9,
            ((byte)'o', (byte)'c', (byte)'t') => 10,
            ((byte)'n', (byte)'o', (byte)'v') => 11,
            ((byte)'d', (byte)'e', (byte)'c') => 12,
            _ => 0,
        };
    }

    private static bool Matches(ReadOnlySpan<byte> name, ReadOnlySpan<byte> abbreviation, ReadOnlySpan<byte> full) =>
        name.Length == abbreviation.Length ? EqualsLower(name, abbreviation) : EqualsLower(name, full);

    private static bool EqualsLower(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        if (name.Length != lower.Length)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (Lower(name[i]) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> ReadLetters(ReadOnlySpan<byte> raw, ref int p)
    {
        int start = p;
        while (p < raw.Length && IsLetter(raw[p]))
        {
            p++;
        }

        return raw[start..p];
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> raw, ref int p, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        int start = p;
        while (p < raw.Length && IsDigit(raw[p]))
        {
            if (p - start == maxDigits)
            {
                return false;
            }

            value = (value * 10) + (raw[p] - '0');
            p++;
        }

        return p - start >= minDigits;
    }

    private static bool TryReadColon(ReadOnlySpan<byte> raw, ref int p)
    {
        int q = p;
        SkipCfws(raw, ref q);
        if (q < raw.Length && raw[q] == (byte)':')
        {
            p = q + 1;
            SkipCfws(raw, ref p);
            return true;
        }

        return false;
    }

    private static void SkipDateSeparators(ReadOnlySpan<byte> raw, ref int p)
    {
        SkipCfws(raw, ref p);
        if (p < raw.Length && raw[p] == (byte)'-')
        {
            p++;
            SkipCfws(raw, ref p);
        }
    }

    /// <summary>Skips folding whitespace and comments (RFC 5322 §3.2.2); an unclosed comment runs to the end.</summary>
    private static void SkipCfws(ReadOnlySpan<byte> raw, ref int p)
    {
        int depth = 0;
        while (p < raw.Length)
        {
            byte b = raw[p];
            if (depth > 0)
            {
                if (b == (byte)'\\' && p + 1 < raw.Length)
                {
                    p++;
                }
                else if (b == (byte)'(')
                {
                    depth++;
                }
                else if (b == (byte)')')
                {
                    depth--;
                }
            }
            else if (b == (byte)'(')
            {
                depth = 1;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return;
            }

            p++;
        }
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static byte Lower(byte b) => IsLetter(b) ? (byte)(b | 0x20) : b;
}
