using System.Globalization;
using System.Text;
using Imap.Mime;

namespace Imap.Tests.Mime;

public class MessageDateTests
{
    /// <summary>The parsed value as round-trip text (local time and offset), or null when parsing failed.</summary>
    private static string? Parse(string date) =>
        MessageDate.TryParse(Encoding.UTF8.GetBytes(date), out DateTimeOffset value)
            ? value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : null;

    // RFC 5322 appendix A.
    [TestCase("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00")]
    [TestCase("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00")]
    [TestCase("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30")]
    [TestCase("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
        "1969-02-13T23:32:00-03:30")]
    [TestCase("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00")]
    [TestCase("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T09:55:06-06:00")]
    public void Rfc5322_examples_parse(string date, string expected)
    {
        Assert.That(Parse(date), Is.EqualTo(expected));
    }

    [TestCase("Mon, 1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("1 Jan 2024 10:00:00 +0100", "2024-01-01T10:00:00+01:00")]
    [TestCase("Mon, 01 Jan 2024 10:00 +0100", "2024-01-01T10:00:00+01:00")]
    [TestCase("Monday, 1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("Mon 1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("Mon,1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("MON, 1 JAN 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("   Thu,   29   Feb   2024   9:05:01   +1345   ", "2024-02-29T09:05:01+13:45")]
    [TestCase("1-Jan-2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    [TestCase("1 Jan 2024 10:00:00 +01:30", "2024-01-01T10:00:00+01:30")]
    [TestCase("1 Jan 2024 10:00:00+0100", "2024-01-01T10:00:00+01:00")]
    [TestCase("1 Jan 2024 10:00:00.123 +0100", "2024-01-01T10:00:00+01:00")]
    [TestCase("1 Jan 2024 23:59:60 +0000", "2024-01-01T23:59:59+00:00")]
    [TestCase("1 Jan 2024 10:00:00 +1400", "2024-01-01T10:00:00+14:00")]
    [TestCase("Tue, 1 Jan 2024 10:00:00 +0000", "2024-01-01T10:00:00+00:00")]
    public void Valid_dates_parse(string date, string expected)
    {
        Assert.That(Parse(date), Is.EqualTo(expected));
    }

    [TestCase("1 Jan 00 00:00:00 +0000", "2000-01-01T00:00:00+00:00")]
    [TestCase("1 Jan 49 00:00:00 +0000", "2049-01-01T00:00:00+00:00")]
    [TestCase("1 Jan 50 00:00:00 +0000", "1950-01-01T00:00:00+00:00")]
    [TestCase("1 Jan 99 00:00:00 +0000", "1999-01-01T00:00:00+00:00")]
    [TestCase("1 Jan 103 00:00:00 +0000", "2003-01-01T00:00:00+00:00")]
    [TestCase("1 Jan 0099 00:00:00 +0000", "0099-01-01T00:00:00+00:00")]
    public void Obsolete_two_and_three_digit_years_follow_rfc5322(string date, string expected)
    {
        Assert.That(Parse(date), Is.EqualTo(expected));
    }

    [TestCase("UT", "+00:00")]
    [TestCase("GMT", "+00:00")]
    [TestCase("UTC", "+00:00")]
    [TestCase("EST", "-05:00")]
    [TestCase("EDT", "-04:00")]
    [TestCase("CST", "-06:00")]
    [TestCase("CDT", "-05:00")]
    [TestCase("MST", "-07:00")]
    [TestCase("MDT", "-06:00")]
    [TestCase("PST", "-08:00")]
    [TestCase("pdt", "-07:00")]
    [TestCase("Z", "+00:00")]
    [TestCase("A", "+00:00")]
    [TestCase("M", "+00:00")]
    [TestCase("Y", "+00:00")]
    [TestCase("CEST", "+00:00")]
    [TestCase("-0000", "+00:00")]
    [TestCase("", "+00:00")]
    [TestCase("(no zone)", "+00:00")]
    public void Obsolete_and_unknown_zones_have_their_offset(string zone, string offset)
    {
        Assert.That(Parse("Sun, 7 Jul 2024 12:34:56 " + zone), Is.EqualTo("2024-07-07T12:34:56" + offset));
    }

    [TestCase("Sun, 7 Jul 2024 12:34:56 -0700 (PST)")]
    [TestCase("Sun, 7 Jul 2024 12:34:56 -0700 (PST (nested \\) comment))")]
    [TestCase("Sun, 7 Jul 2024 12:34:56 -0700 trailing garbage")]
    [TestCase("(comment) Sun, (c) 7 (c) Jul (c) 2024 (c) 12:34:56 (c) -0700 (unclosed")]
    public void Comments_and_text_after_the_zone_are_ignored(string date)
    {
        Assert.That(Parse(date), Is.EqualTo("2024-07-07T12:34:56-07:00"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("garbage")]
    [TestCase("Someday, 1 Jan 2024 10:00:00 +0000")]
    [TestCase("Date: Mon, 1 Jan 2024 10:00:00 +0000")]
    [TestCase("1 Foo 2024 10:00:00 +0000")]
    [TestCase("1 January 2024 10:00:00 +0000")]
    [TestCase("1 Jan 2024")]
    [TestCase("1 Jan 2024 10 +0000")]
    [TestCase("1 Jan 2024 10:0 +0000")]
    [TestCase("1 Jan 2024 10:00:0 +0000")]
    [TestCase("31 Apr 2024 10:00:00 +0000")]
    [TestCase("29 Feb 2023 10:00:00 +0000")]
    [TestCase("0 Jan 2024 10:00:00 +0000")]
    [TestCase("123 Jan 2024 10:00:00 +0000")]
    [TestCase("1 Jan 2024 24:00:00 +0000")]
    [TestCase("1 Jan 2024 10:60:00 +0000")]
    [TestCase("1 Jan 2024 10:00:61 +0000")]
    [TestCase("1 Jan 2024 10:00:00 +1401")]
    [TestCase("1 Jan 2024 10:00:00 +0160")]
    [TestCase("1 Jan 2024 10:00:00 +01")]
    [TestCase("1 Jan 2024 10:00:00 +01000")]
    [TestCase("1 Jan 2024 10:00:00 -")]
    [TestCase("1 Jan 5 10:00:00 +0000")]
    [TestCase("1 Jan 10000 10:00:00 +0000")]
    [TestCase("1 Jan 0000 10:00:00 +0000")]
    [TestCase("1 Jan 0001 00:00:00 +0100")]
    [TestCase("31 Dec 9999 23:00:00 -0200")]
    [TestCase("2024-01-01T10:00:00Z")]
    public void Invalid_dates_are_rejected(string date)
    {
        Assert.That(Parse(date), Is.Null);
    }

    [Test]
    public void Rejected_date_leaves_the_default_value()
    {
        bool parsed = MessageDate.TryParse("31 Apr 2024 10:00:00 +0000"u8, out DateTimeOffset value);

        Assert.That((parsed, value), Is.EqualTo((false, default(DateTimeOffset))));
    }

    [Test]
    public void Offset_is_kept_not_converted()
    {
        bool parsed = MessageDate.TryParse("Fri, 21 Nov 1997 09:55:06 -0600"u8, out DateTimeOffset value);

        Assert.That(
            (parsed, value.Offset, value.UtcDateTime),
            Is.EqualTo((true, TimeSpan.FromHours(-6), new DateTime(1997, 11, 21, 15, 55, 6, DateTimeKind.Utc))));
    }

    [Test]
    public void Non_ascii_bytes_are_rejected_without_throwing()
    {
        Assert.That(MessageDate.TryParse([0xFF, 0xC3, (byte)'1', 0x80], out _), Is.False);
    }

    [Test]
    public void Megabyte_of_open_parentheses_is_rejected()
    {
        byte[] date = Enumerable.Repeat((byte)'(', 1024 * 1024).ToArray();

        Task<bool> task = Task.Run(() => MessageDate.TryParse(date, out _));

        Assert.That((task.Wait(TimeSpan.FromSeconds(30)), task.Result), Is.EqualTo((true, false)));
    }
}
