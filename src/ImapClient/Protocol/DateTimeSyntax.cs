namespace Imap.Protocol;

/// <summary>IMAP date and date-time syntax (RFC 9051 §9 <c>date-time</c>, <c>date</c>), without culture.</summary>
internal static class DateTimeSyntax
{
    private static ReadOnlySpan<byte> Months => "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"u8;

    /// <summary>Parses the 26 bytes between the quotes of a date-time: <c>dd-Mon-yyyy hh:mm:ss +zzzz</c>.</summary>
    public static bool TryParseImapDateTime(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 26 || s[2] != (byte)'-' || s[6] != (byte)'-' || s[11] != (byte)' ' || s[14] != (byte)':'
            || s[17] != (byte)':' || s[20] != (byte)' ' || (s[21] != (byte)'+' && s[21] != (byte)'-'))
        {
            return false;
        }

        // date-day-fixed = (SP DIGIT) / 2DIGIT
        int day;
        if (s[0] == (byte)' ' && TryDigits(s.Slice(1, 1), out int d1))
        {
            day = d1;
        }
        else if (!TryDigits(s[..2], out day))
        {
            return false;
        }

        if (!TryMonth(s.Slice(3, 3), out int month)
            || !TryDigits(s.Slice(7, 4), out int year)
            || !TryDigits(s.Slice(12, 2), out int hour)
            || !TryDigits(s.Slice(15, 2), out int minute)
            || !TryDigits(s.Slice(18, 2), out int second)
            || !TryDigits(s.Slice(22, 2), out int zoneHours)
            || !TryDigits(s.Slice(24, 2), out int zoneMinutes))
        {
            return false;
        }

        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60
            || zoneHours > 14 || zoneMinutes > 59)
        {
            return false;
        }

        // A leap second cannot be represented; it becomes the last second of that minute.
        second = Math.Min(second, 59);
        var offset = new TimeSpan(zoneHours, zoneMinutes, 0);
        if (s[21] == (byte)'-')
        {
            offset = -offset;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset);
        return true;
    }

    private static bool TryMonth(ReadOnlySpan<byte> name, out int month)
    {
        Span<byte> upper = stackalloc byte[3];
        for (int i = 0; i < 3; i++)
        {
            byte b = name[i];
            upper[i] = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 0x20) : b;
        }

        for (month = 1; month <= 12; month++)
        {
            if (Months.Slice((month - 1) * 3, 3).SequenceEqual(upper))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
