using System.Globalization;
using System.Text;
using CsCheck;
using Imap.Protocol;

namespace Imap.Tests.Protocol;

public class CommandWriterTests
{
    private static readonly CommandWriterOptions Plain = CommandWriterOptions.Default;
    private static readonly CommandWriterOptions Utf8 = new(LiteralMode.Synchronizing, Utf8: true);
    private static readonly CommandWriterOptions Plus = new(LiteralMode.LiteralPlus, Utf8: false);
    private static readonly CommandWriterOptions Minus = new(LiteralMode.LiteralMinus, Utf8: false);

    // Strings that must stay safe; built in code because attribute arguments cannot carry every character.
    private static readonly string[] Nul = ["\0", "a\0b", "caf\u00E9\0", "\r\n\0"];
    private static readonly string[] LoneSurrogates = ["\uD83D", "a\uDE00", "\uDE00\uD83D", "x\uD83Dy"];

    [Test]
    public void A_simple_command_is_tag_name_and_crlf()
    {
        using var writer = new CommandWriter(Plain);
        writer.WriteTag("A1"u8);
        writer.WriteSpace();
        writer.WriteAtom("NOOP"u8);
        writer.EndCommand();
        Assert.That(Text(writer), Is.EqualTo("A1 NOOP\r\n"));
        Assert.That(writer.WrittenCount, Is.EqualTo(9));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.Empty);
        Assert.That(writer.SegmentCount, Is.EqualTo(1));
        Assert.That(writer.GetSegment(0).ToArray(), Is.EqualTo("A1 NOOP\r\n"u8.ToArray()));
        Assert.That(writer.IsComplete, Is.True);
    }

    [TestCase("")]
    [TestCase("A+1")]
    [TestCase("A 1")]
    [TestCase("A(1")]
    [TestCase("A*")]
    [TestCase("A%")]
    [TestCase("A\"")]
    [TestCase("A{")]
    [TestCase("A\r")]
    public void Invalid_tags_are_rejected(string tag)
    {
        using var writer = new CommandWriter(Plain);
        Assert.That(() => writer.WriteTag(Encoding.ASCII.GetBytes(tag)), Throws.ArgumentException.With.Property("ParamName").EqualTo("tag"));
        Assert.That(writer.WrittenCount, Is.EqualTo(0));
    }

    [Test]
    public void A_tag_may_hold_a_closing_bracket_and_must_come_first()
    {
        using var writer = new CommandWriter(Plain);
        writer.WriteTag("a]9"u8);
        Assert.That(Text(writer), Is.EqualTo("a]9"));
        Assert.That(() => writer.WriteTag("B"u8), Throws.InvalidOperationException);
    }

    [TestCase("")]
    [TestCase("A B")]
    [TestCase("A(")]
    [TestCase("A)")]
    [TestCase("A]")]
    [TestCase("A%")]
    [TestCase("A*")]
    [TestCase("A\"")]
    [TestCase("A\\")]
    [TestCase("A{")]
    [TestCase("A\u007F")]
    [TestCase("A\u0001")]
    [TestCase("A\r\n")]
    public void Invalid_atoms_are_rejected_and_nothing_is_written(string atom)
    {
        using var writer = new CommandWriter(Plain);
        writer.WriteAtom("FETCH"u8);
        Assert.That(() => writer.WriteAtom(Encoding.ASCII.GetBytes(atom)), Throws.ArgumentException.With.Property("ParamName").EqualTo("atom"));
        Assert.That(() => writer.WriteAtom([0x41, 0xC3, 0xA9]), Throws.ArgumentException);
        Assert.That(Text(writer), Is.EqualTo("FETCH"));
    }

    [Test]
    public void Raw_protocol_text_is_written_as_is()
    {
        Assert.That(Arg(Plain, w => w.WriteRaw("BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.1024>"u8)), Is.EqualTo("BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.1024>"));
    }

    [TestCase("a\rb")]
    [TestCase("a\nb")]
    [TestCase("{5}")]
    [TestCase("\"x\"")]
    [TestCase("a\\b")]
    [TestCase("\u0000")]
    [TestCase("\u007F")]
    public void Raw_text_that_could_change_the_framing_is_rejected(string text)
    {
        using var writer = new CommandWriter(Plain);
        Assert.That(() => writer.WriteRaw(Encoding.ASCII.GetBytes(text)), Throws.ArgumentException.With.Property("ParamName").EqualTo("text"));
        Assert.That(() => writer.WriteRaw([0x80]), Throws.ArgumentException);
        Assert.That(writer.WrittenCount, Is.EqualTo(0));
    }

    [Test]
    public void Numbers_are_decimal()
    {
        Assert.That(Arg(Plain, w => w.WriteNumber(0)), Is.EqualTo("0"));
        Assert.That(Arg(Plain, w => w.WriteNumber(ulong.MaxValue)), Is.EqualTo("18446744073709551615"));
    }

    [TestCase("INBOX", "INBOX")]
    [TestCase("a]b", "a]b")]
    [TestCase("~user/x-y.z&1,2+$", "~user/x-y.z&1,2+$")]
    [TestCase("NIL", "NIL")]
    [TestCase("", "\"\"")]
    [TestCase("hello world", "\"hello world\"")]
    [TestCase("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [TestCase("a*b", "\"a*b\"")]
    [TestCase("a%b", "\"a%b\"")]
    [TestCase("a(b)", "\"a(b)\"")]
    [TestCase("x{5}", "\"x{5}\"")]
    public void Astrings_are_atoms_when_they_can_be_else_quoted(string value, string expected)
    {
        Assert.That(Arg(Plain, w => w.WriteAstring(value)), Is.EqualTo(expected));
    }

    [TestCase("INBOX", "\"INBOX\"")]
    [TestCase("NIL", "\"NIL\"")]
    [TestCase("", "\"\"")]
    [TestCase("\"", "\"\\\"\"")]
    [TestCase("\\", "\"\\\\\"")]
    public void Strings_are_never_atoms(string value, string expected)
    {
        Assert.That(Arg(Plain, w => w.WriteString(value)), Is.EqualTo(expected));
    }

    [Test]
    public void Nstring_is_nil_for_null_and_a_string_otherwise()
    {
        Assert.That(Arg(Plain, w => w.WriteNString(null)), Is.EqualTo("NIL"));
        Assert.That(Arg(Plain, w => w.WriteNString("NIL")), Is.EqualTo("\"NIL\""));
        Assert.That(Arg(Plain, w => w.WriteNString("a\nb")), Is.EqualTo("{3}\r\na\nb"));
    }

    [Test]
    public void Quoted_string_with_CR_is_sent_as_a_literal()
    {
        using var writer = Command(Plain, w => w.WriteString("a\r\nb"));
        Assert.That(Text(writer), Is.EqualTo("A1 X {4}\r\na\r\nb\r\n"));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 10 }));
        Assert.That(Segments(writer), Is.EqualTo(new[] { "A1 X {4}\r\n", "a\r\nb\r\n" }));
    }

    [TestCase("\r")]
    [TestCase("\n")]
    [TestCase("line1\r\nA2 DELETE INBOX")]
    [TestCase("tab\there")]
    [TestCase("bell\u0007")]
    [TestCase("del\u007F")]
    public void Control_characters_always_go_in_a_literal(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        foreach (var options in new[] { Plain, Utf8 })
        {
            Assert.That(Arg(options, w => w.WriteAstring(value)), Is.EqualTo($"{{{length}}}\r\n{value}"));
            Assert.That(Arg(options, w => w.WriteString(value)), Is.EqualTo($"{{{length}}}\r\n{value}"));
        }
    }

    [Test]
    public void Eight_bit_text_is_quoted_only_when_utf8_is_in_force()
    {
        Assert.That(Arg(Plain, w => w.WriteString("caf\u00E9")), Is.EqualTo("{5}\r\ncaf\u00E9"));
        Assert.That(Arg(Plain, w => w.WriteAstring("\u65E5\u672C")), Is.EqualTo("{6}\r\n\u65E5\u672C"));
        Assert.That(Arg(Utf8, w => w.WriteString("caf\u00E9")), Is.EqualTo("\"caf\u00E9\""));
        Assert.That(Arg(Utf8, w => w.WriteAstring("caf\u00E9")), Is.EqualTo("\"caf\u00E9\""));
        Assert.That(Arg(Utf8, w => w.WriteAstring("\U0001F600\"")), Is.EqualTo("\"\U0001F600\\\"\""));
    }

    [TestCaseSource(nameof(Nul))]
    public void NUL_is_rejected_before_anything_is_written(string value)
    {
        foreach (var options in new[] { Plain, Utf8, Plus })
        {
            using var writer = new CommandWriter(options);
            writer.WriteTag("A1"u8);
            Assert.That(() => writer.WriteAstring(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => writer.WriteString(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => writer.WriteNString(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => writer.WriteMailbox(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
            Assert.That(() => writer.WriteAstring(Encoding.UTF8.GetBytes(value)), Throws.ArgumentException);
            Assert.That(() => writer.WriteLiteral(Encoding.UTF8.GetBytes(value)), Throws.ArgumentException.With.Property("ParamName").EqualTo("data"));
            Assert.That(Text(writer), Is.EqualTo("A1"));
            Assert.That(writer.ContinuationPoints.ToArray(), Is.Empty);
        }
    }

    [TestCaseSource(nameof(LoneSurrogates))]
    public void Lone_surrogates_are_rejected_before_anything_is_written(string value)
    {
        foreach (var options in new[] { Plain, Utf8 })
        {
            using var writer = new CommandWriter(options);
            Assert.That(() => writer.WriteAstring(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => writer.WriteString(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => writer.WriteMailbox(value), Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
            Assert.That(writer.WrittenCount, Is.EqualTo(0));
        }
    }

    [Test]
    public void Literal8_may_hold_NUL()
    {
        using var writer = new CommandWriter(Plain);
        writer.WriteLiteral8([0x61, 0x00, 0xFF]);
        Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { (byte)'~', (byte)'{', (byte)'3', (byte)'}', 13, 10, 0x61, 0x00, 0xFF }));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 6 }));
    }

    [Test]
    public void Synchronizing_literal_marks_a_continuation_point()
    {
        using var writer = Command(Plain, w => w.WriteLiteral("hello"u8));
        Assert.That(Text(writer), Is.EqualTo("A1 X {5}\r\nhello\r\n"));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 10 }));
    }

    [Test]
    public void Literal_plus_never_waits()
    {
        using var writer = Command(Plus, w => w.WriteLiteral("hello"u8));
        Assert.That(Text(writer), Is.EqualTo("A1 X {5+}\r\nhello\r\n"));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.Empty);
        Assert.That(Arg(Plus, w => w.WriteLiteral(Enumerable.Repeat((byte)'x', 100_000).ToArray())), Does.StartWith("{100000+}\r\nxxx"));
    }

    [Test]
    public void Literal_minus_waits_only_above_4096_bytes()
    {
        var small = Enumerable.Repeat((byte)'x', 4096).ToArray();
        var large = Enumerable.Repeat((byte)'x', 4097).ToArray();
        using (var writer = Command(Minus, w => w.WriteLiteral(small)))
        {
            Assert.That(Text(writer), Does.StartWith("A1 X {4096+}\r\nxx"));
            Assert.That(writer.WrittenCount, Is.EqualTo(14 + 4096 + 2));
            Assert.That(writer.ContinuationPoints.ToArray(), Is.Empty);
        }

        using (var writer = Command(Minus, w => w.WriteLiteral(large)))
        {
            Assert.That(Text(writer), Does.StartWith("A1 X {4097}\r\nxx"));
            Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 13 }));
        }
    }

    [Test]
    public void Literal8_is_non_synchronizing_only_under_literal_plus()
    {
        Assert.That(Arg(Plus, w => w.WriteLiteral8("abc"u8)), Is.EqualTo("~{3+}\r\nabc"));
        using var minus = new CommandWriter(Minus);
        minus.WriteLiteral8("abc"u8);
        Assert.That(Text(minus), Is.EqualTo("~{3}\r\nabc"));
        Assert.That(minus.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 6 }));
    }

    [Test]
    public void Every_synchronizing_literal_splits_the_command()
    {
        using var writer = new CommandWriter(Plain);
        writer.WriteTag("A1"u8);
        writer.WriteSpace();
        writer.WriteAtom("LOGIN"u8);
        writer.WriteSpace();
        writer.WriteAstring("a\rb");
        writer.WriteSpace();
        writer.WriteAstring("c\nd");
        writer.EndCommand();
        Assert.That(Text(writer), Is.EqualTo("A1 LOGIN {3}\r\na\rb {3}\r\nc\nd\r\n"));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 14, 23 }));
        Assert.That(writer.SegmentCount, Is.EqualTo(3));
        Assert.That(Segments(writer), Is.EqualTo(new[] { "A1 LOGIN {3}\r\n", "a\rb {3}\r\n", "c\nd\r\n" }));
        Assert.That(() => writer.GetSegment(3), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => writer.GetSegment(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Long_strings_are_sent_as_literals()
    {
        string fits = new string('a', 1023) + " ";
        string tooLong = new string('a', 1024) + " ";
        Assert.That(Arg(Plain, w => w.WriteString(fits)), Is.EqualTo("\"" + fits + "\""));
        Assert.That(Arg(Plain, w => w.WriteString(tooLong)), Is.EqualTo("{1025}\r\n" + tooLong));

        // Escapes count towards the limit.
        string escapedFits = new string('a', 1022) + "\"";
        string escapedTooLong = new string('a', 1023) + "\"";
        Assert.That(Arg(Plain, w => w.WriteString(escapedFits)), Is.EqualTo("\"" + new string('a', 1022) + "\\\"\""));
        Assert.That(Arg(Plain, w => w.WriteString(escapedTooLong)), Is.EqualTo("{1024}\r\n" + escapedTooLong));

        Assert.That(Arg(Plain, w => w.WriteAstring(new string('b', 1024))), Is.EqualTo(new string('b', 1024)));
        Assert.That(Arg(Plain, w => w.WriteAstring(new string('b', 1025))), Is.EqualTo("{1025}\r\n" + new string('b', 1025)));
    }

    [TestCase("INBOX")]
    [TestCase("inbox")]
    [TestCase("InBoX")]
    public void Inbox_in_any_case_is_sent_as_INBOX(string name)
    {
        Assert.That(Arg(Plain, w => w.WriteMailbox(name)), Is.EqualTo("INBOX"));
        Assert.That(Arg(Utf8, w => w.WriteMailbox(name)), Is.EqualTo("INBOX"));
    }

    [TestCase("inbox/Sub", "inbox/Sub")]
    [TestCase("~peter/mail/\u53F0\u5317/\u65E5\u672C\u8A9E", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [TestCase("Sent Items", "\"Sent Items\"")]
    [TestCase("a&b", "a&-b")]
    [TestCase("Entw\u00FCrfe", "Entw&APw-rfe")]
    [TestCase("a\rb", "a&AA0-b")]
    [TestCase("%", "\"%\"")]
    [TestCase("", "\"\"")]
    [TestCase("\"q\"", "\"\\\"q\\\"\"")]
    public void Mailbox_names_use_modified_utf7_without_utf8(string name, string expected)
    {
        Assert.That(Arg(Plain, w => w.WriteMailbox(name)), Is.EqualTo(expected));
    }

    [TestCase("inbox", false, "INBOX", "INBOX")]
    [TestCase("Sent Items", false, "\"Sent Items\"", "Sent Items")]
    [TestCase("Entw\u00FCrfe", false, "Entw&APw-rfe", "Entw&APw-rfe")]
    [TestCase("Entw\u00FCrfe", true, "\"Entw\u00FCrfe\"", "Entw\u00FCrfe")]
    [TestCase("\"q\"", false, "\"\\\"q\\\"\"", "\"q\"")]
    public void The_writer_reports_the_mailbox_name_as_written_before_quoting(string name, bool utf8, string written, string reported)
    {
        using var writer = new CommandWriter(utf8 ? Utf8 : Plain);
        byte[] wire = writer.WriteMailboxReportingWire(name);

        Assert.That(Text(writer), Is.EqualTo(written));
        Assert.That(Encoding.UTF8.GetString(wire), Is.EqualTo(reported));
    }

    [TestCase("\u53F0\u5317", "\"\u53F0\u5317\"")]
    [TestCase("a&b", "a&b")]
    [TestCase("Entw\u00FCrfe", "\"Entw\u00FCrfe\"")]
    [TestCase("a\rb", "{3}\r\na\rb")]
    [TestCase("Sent Items", "\"Sent Items\"")]
    public void Mailbox_names_are_utf8_when_utf8_is_in_force(string name, string expected)
    {
        Assert.That(Arg(Utf8, w => w.WriteMailbox(name)), Is.EqualTo(expected));
    }

    [Test]
    public void Wire_bytes_of_a_name_are_sent_back_as_an_astring()
    {
        byte[] latin1 = [(byte)'c', (byte)'a', (byte)'f', 0xE9];
        using (var writer = new CommandWriter(Plain))
        {
            writer.WriteAstring(latin1);
            Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { (byte)'{', (byte)'4', (byte)'}', 13, 10, (byte)'c', (byte)'a', (byte)'f', 0xE9 }));
        }

        Assert.That(Arg(Plain, w => w.WriteAstring("Lists/&AOk-"u8)), Is.EqualTo("Lists/&AOk-"));
        Assert.That(Arg(Utf8, w => w.WriteAstring("a b"u8)), Is.EqualTo("\"a b\""));
    }

    [TestCase("\\Seen")]
    [TestCase("\\Answered")]
    [TestCase("\\Flagged")]
    [TestCase("\\Deleted")]
    [TestCase("\\Draft")]
    [TestCase("\\Important")]
    [TestCase("$Forwarded")]
    [TestCase("$MDNSent")]
    [TestCase("Junk")]
    [TestCase("label[1")]
    public void Flags_are_written_as_given(string flag)
    {
        Assert.That(Arg(Plain, w => w.WriteFlag(flag)), Is.EqualTo(flag));
    }

    [TestCase("\\Recent")]
    [TestCase("\\recent")]
    [TestCase("")]
    [TestCase("\\")]
    [TestCase("\\\\Seen")]
    [TestCase("\\*")]
    [TestCase("a b")]
    [TestCase("a]")]
    [TestCase("a(")]
    [TestCase("a)")]
    [TestCase("a*")]
    [TestCase("a%")]
    [TestCase("a{")]
    [TestCase("a\"")]
    [TestCase("a\\b")]
    [TestCase("caf\u00E9")]
    [TestCase("a\r\n")]
    [TestCase("a\u0000")]
    public void Flags_that_are_not_atoms_or_cannot_be_stored_are_rejected(string flag)
    {
        using var writer = new CommandWriter(Utf8);
        Assert.That(() => writer.WriteFlag(flag), Throws.ArgumentException.With.Property("ParamName").EqualTo("flag"));
        Assert.That(() => writer.WriteFlagList(["\\Seen", flag]), Throws.ArgumentException.With.Property("ParamName").EqualTo("flags"));
        Assert.That(writer.WrittenCount, Is.EqualTo(0));
    }

    [Test]
    public void Flag_lists_are_parenthesised()
    {
        Assert.That(Arg(Plain, w => w.WriteFlagList(["\\Seen", "$Label1", "\\Deleted"])), Is.EqualTo("(\\Seen $Label1 \\Deleted)"));
        Assert.That(Arg(Plain, w => w.WriteFlagList([])), Is.EqualTo("()"));
        Assert.That(Arg(Plain, w => w.WriteFlagList(new HashSet<string> { "\\Draft" })), Is.EqualTo("(\\Draft)"));
    }

    [Test]
    public void Sets_are_written_in_compact_form()
    {
        Assert.That(Arg(Plain, w => w.WriteSet(UidSet.Parse("7:*,5,1:3"))), Is.EqualTo("1:3,5,7:*"));
        Assert.That(Arg(Plain, w => w.WriteSet(UidSet.SavedResult)), Is.EqualTo("$"));
        Assert.That(Arg(Plain, w => w.WriteSet(UidSet.Largest)), Is.EqualTo("*"));
        Assert.That(Arg(Plain, w => w.WriteSet(SequenceSet.Parse("2,4:7,9,12:*"))), Is.EqualTo("2,4:7,9,12:*"));
        Assert.That(Arg(Plain, w => w.WriteSet(SequenceSet.SavedResult)), Is.EqualTo("$"));
        Assert.That(Arg(Plain, w => w.WriteSet(UidSet.FromRange(new Uid(1), new Uid(uint.MaxValue)))), Is.EqualTo("1:4294967295"));
    }

    [Test]
    public void Empty_sets_are_rejected()
    {
        using var writer = new CommandWriter(Plain);
        Assert.That(() => writer.WriteSet(UidSet.Empty), Throws.ArgumentException.With.Property("ParamName").EqualTo("set"));
        Assert.That(() => writer.WriteSet(SequenceSet.Empty), Throws.ArgumentException.With.Property("ParamName").EqualTo("set"));
        Assert.That(() => writer.WriteSet(UidSet.Create(Array.Empty<uint>())), Throws.ArgumentException);
        Assert.That(writer.WrittenCount, Is.EqualTo(0));
    }

    [Test]
    public void Lists_nest_and_must_be_closed()
    {
        Assert.That(Arg(Plain, w =>
        {
            w.BeginList();
            w.WriteAtom("FLAGS"u8);
            w.WriteSpace();
            w.BeginList();
            w.EndList();
            w.EndList();
        }), Is.EqualTo("(FLAGS ())"));

        using var writer = new CommandWriter(Plain);
        Assert.That(writer.EndList, Throws.InvalidOperationException);
        writer.BeginList();
        Assert.That(writer.EndCommand, Throws.InvalidOperationException);
    }

    [Test]
    public void Date_time_is_fixed_format_in_its_own_offset()
    {
        Assert.That(Arg(Plain, w => w.WriteDateTime(new DateTimeOffset(2026, 1, 5, 9, 3, 7, 999, TimeSpan.FromMinutes(-210)))), Is.EqualTo("\"05-Jan-2026 09:03:07 -0330\""));
        Assert.That(Arg(Plain, w => w.WriteDateTime(new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)))), Is.EqualTo("\"31-Dec-1999 23:59:59 +1400\""));
        Assert.That(Arg(Plain, w => w.WriteDateTime(new DateTimeOffset(999, 6, 15, 0, 0, 0, TimeSpan.Zero))), Is.EqualTo("\"15-Jun-0999 00:00:00 +0000\""));
        Assert.That(Arg(Plain, w => w.WriteDateTime(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.FromMinutes(-45)))), Is.EqualTo("\"01-Jul-2026 12:00:00 -0045\""));
    }

    [Test]
    public void Search_date_has_no_leading_zero_and_no_quotes()
    {
        Assert.That(Arg(Plain, w => w.WriteSearchDate(new DateOnly(2026, 3, 1))), Is.EqualTo("1-Mar-2026"));
        Assert.That(Arg(Plain, w => w.WriteSearchDate(new DateOnly(2026, 12, 31))), Is.EqualTo("31-Dec-2026"));
        Assert.That(Arg(Plain, w => w.WriteSearchDate(new DateOnly(5, 2, 10))), Is.EqualTo("10-Feb-0005"));
    }

    [TestCase("th-TH")]
    [TestCase("ar-SA")]
    [TestCase("fa-IR")]
    [TestCase("tr-TR")]
    public void Formatting_does_not_depend_on_the_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.That(Arg(Plain, w => w.WriteDateTime(new DateTimeOffset(2026, 4, 9, 8, 7, 6, TimeSpan.FromHours(2)))), Is.EqualTo("\"09-Apr-2026 08:07:06 +0200\""));
            Assert.That(Arg(Plain, w => w.WriteSearchDate(new DateOnly(2026, 4, 9))), Is.EqualTo("9-Apr-2026"));
            Assert.That(Arg(Plain, w => w.WriteNumber(1234567)), Is.EqualTo("1234567"));
            Assert.That(Arg(Plain, w => w.WriteMailbox("inbox")), Is.EqualTo("INBOX"));
            Assert.That(Arg(Plain, w => w.WriteFlag("\\recent2")), Is.EqualTo("\\recent2"));
            Assert.That(Arg(Plain, w => w.WriteSet(UidSet.Parse("1000:2000"))), Is.EqualTo("1000:2000"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void Search_needs_a_charset_only_for_non_ascii_without_utf8()
    {
        using var plain = new CommandWriter(Plain);
        using var utf8 = new CommandWriter(Utf8);
        Assert.That(plain.NeedsSearchCharset("hello \"world\""), Is.False);
        Assert.That(plain.NeedsSearchCharset("caf\u00E9"), Is.True);
        Assert.That(utf8.NeedsSearchCharset("caf\u00E9"), Is.False);
    }

    [Test]
    public void Options_follow_the_capabilities()
    {
        Assert.That(CommandWriterOptions.FromCapabilities(literalPlus: true, literalMinus: true, utf8: false), Is.EqualTo(new CommandWriterOptions(LiteralMode.LiteralPlus, false)));
        Assert.That(CommandWriterOptions.FromCapabilities(literalPlus: false, literalMinus: true, utf8: true), Is.EqualTo(new CommandWriterOptions(LiteralMode.LiteralMinus, true)));
        Assert.That(CommandWriterOptions.FromCapabilities(literalPlus: false, literalMinus: false, utf8: false), Is.EqualTo(CommandWriterOptions.Default));
        Assert.That(CommandWriterOptions.Default.LiteralMode, Is.EqualTo(LiteralMode.Synchronizing));
    }

    [Test]
    public void A_complete_command_accepts_nothing_more_until_reset()
    {
        using var writer = Command(Plain, w => w.WriteLiteral("x"u8));
        Assert.That(writer.WriteSpace, Throws.InvalidOperationException);
        Assert.That(() => writer.GetSpan(), Throws.InvalidOperationException);

        writer.Reset(Plus);
        Assert.That(writer.WrittenCount, Is.EqualTo(0));
        Assert.That(writer.ContinuationPoints.ToArray(), Is.Empty);
        Assert.That(writer.IsComplete, Is.False);
        writer.WriteTag("A2"u8);
        writer.WriteSpace();
        writer.WriteLiteral("y"u8);
        writer.EndCommand();
        Assert.That(Text(writer), Is.EqualTo("A2 {1+}\r\ny\r\n"));
    }

    [Test]
    public void The_buffer_grows_and_keeps_what_was_written()
    {
        using var writer = new CommandWriter(Plain, initialCapacity: 16);
        writer.WriteTag("A1"u8);
        writer.WriteSpace();
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)('a' + (i % 26))).ToArray();
        writer.WriteLiteral(data);
        writer.EndCommand();
        Assert.That(writer.WrittenCount, Is.EqualTo(3 + 10 + 300_000 + 2));
        Assert.That(writer.WrittenSpan[..13].ToArray(), Is.EqualTo("A1 {300000}\r\n"u8.ToArray()));
        Assert.That(writer.WrittenSpan[13..^2].SequenceEqual(data), Is.True);
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(new[] { 13 }));
    }

    [Test]
    public void The_buffer_writer_interface_appends_raw_bytes()
    {
        using var writer = new CommandWriter(Plain);
        Assert.That(writer, Is.InstanceOf<System.Buffers.IBufferWriter<byte>>());
        "dGVz"u8.CopyTo(writer.GetSpan(4));
        writer.Advance(4);
        "dA=="u8.CopyTo(writer.GetMemory(4).Span);
        writer.Advance(4);
        writer.EndCommand();
        Assert.That(Text(writer), Is.EqualTo("dGVzdA==\r\n"));
        Assert.That(() => writer.Advance(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_disposed_writer_refuses_to_write()
    {
        var writer = new CommandWriter(Plain);
        writer.Dispose();
        Assert.That(() => writer.WriteAtom("NOOP"u8), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => writer.Reset(Plain), Throws.TypeOf<ObjectDisposedException>());
        writer.Dispose();
    }

    [Test]
    public void Arbitrary_strings_never_end_the_command_early_and_arrive_intact()
    {
        var pcg = new PCG(8, 9051);
        var piece = Gen.Frequency(
            (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
            (3, Gen.OneOf("\r", "\n", "\r\n", "\"", "\\", " ", "{5}", "{", "}", "+", "]", "(", "*", "%", "&", "~", "\t", "NIL", "A2 LOGOUT")),
            (2, Gen.OneOf("\u00E9", "\u53F0", "\U0001F600", "\u00FF", "\u007F")),
            (1, Gen.Int[0x20, 0x7E].Select(c => ((char)c).ToString())));
        var strings = piece.Array[0, 30].Select(string.Concat);
        CommandWriterOptions[] allOptions = [Plain, Utf8, Plus, Minus, new(LiteralMode.LiteralPlus, true), new(LiteralMode.LiteralMinus, true)];
        for (int i = 0; i < 3000; i++)
        {
            string value = strings.Generate(pcg, null!, out _);
            foreach (var options in allOptions)
            {
                using (var writer = Command(options, w => w.WriteString(value)))
                {
                    var scan = ScanSingleArgument(writer, options);
                    Assert.That(scan.Form, Is.Not.EqualTo(Form.Atom), value);
                    Assert.That(scan.Value, Is.EqualTo(Encoding.UTF8.GetBytes(value)), value);
                }

                using (var writer = Command(options, w => w.WriteAstring(value)))
                {
                    Assert.That(ScanSingleArgument(writer, options).Value, Is.EqualTo(Encoding.UTF8.GetBytes(value)), value);
                }

                using (var writer = Command(options, w => w.WriteMailbox(value)))
                {
                    string expected = value.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX"
                        : options.Utf8 ? value : ModifiedUtf7.Encode(value);
                    Assert.That(ScanSingleArgument(writer, options).Value, Is.EqualTo(Encoding.UTF8.GetBytes(expected)), value);
                }
            }
        }
    }

    private enum Form
    {
        Atom,
        Quoted,
        Literal,
    }

    // An independent reader for "A1 X <one string argument>\r\n": it checks that the only CR or LF outside a literal
    // is the final CRLF, that quoted strings escape exactly '"' and '\', that 8-bit bytes appear quoted only under
    // UTF-8, and that the writer's continuation points are exactly the ends of the synchronizing literal headers.
    private static (Form Form, byte[] Value) ScanSingleArgument(CommandWriter writer, CommandWriterOptions options)
    {
        var bytes = writer.WrittenSpan.ToArray();
        Assert.That(bytes.Take(5), Is.EqualTo("A1 X "u8.ToArray()));
        int pos = 5;
        var value = new List<byte>();
        var syncPoints = new List<int>();
        Form form;
        if (bytes[pos] == (byte)'"')
        {
            form = Form.Quoted;
            pos++;
            while (true)
            {
                byte b = bytes[pos++];
                Assert.That(b, Is.Not.EqualTo((byte)'\r').And.Not.EqualTo((byte)'\n').And.Not.EqualTo((byte)0), "bare CR, LF or NUL in a quoted string");
                Assert.That(b < 0x80 || options.Utf8, Is.True, "8-bit quoted without UTF-8");
                if (b == (byte)'"')
                {
                    break;
                }

                if (b == (byte)'\\')
                {
                    b = bytes[pos++];
                    Assert.That(b is (byte)'"' or (byte)'\\', Is.True, "bad escape");
                }

                value.Add(b);
            }
        }
        else if (bytes[pos] == (byte)'{')
        {
            form = Form.Literal;
            pos++;
            int start = pos;
            while (bytes[pos] is >= (byte)'0' and <= (byte)'9')
            {
                pos++;
            }

            int length = int.Parse(Encoding.ASCII.GetString(bytes, start, pos - start), CultureInfo.InvariantCulture);
            bool nonSync = bytes[pos] == (byte)'+';
            if (nonSync)
            {
                pos++;
                Assert.That(options.LiteralMode == LiteralMode.LiteralPlus || (options.LiteralMode == LiteralMode.LiteralMinus && length <= 4096), Is.True, "{n+} not allowed here");
            }

            Assert.That(bytes[pos..(pos + 3)], Is.EqualTo("}\r\n"u8.ToArray()));
            pos += 3;
            if (!nonSync)
            {
                syncPoints.Add(pos);
            }

            value.AddRange(bytes[pos..(pos + length)]);
            pos += length;
        }
        else
        {
            form = Form.Atom;
            const string atomSpecials = "(){ %*\"\\]";
            while (bytes[pos] is > 0x20 and < 0x7F && (bytes[pos] == (byte)']' || !atomSpecials.Contains((char)bytes[pos], StringComparison.Ordinal)))
            {
                value.Add(bytes[pos++]);
            }

            Assert.That(value, Is.Not.Empty, "empty atom");
        }

        Assert.That(bytes[pos..], Is.EqualTo("\r\n"u8.ToArray()), "the command must end right after the argument");
        Assert.That(writer.ContinuationPoints.ToArray(), Is.EqualTo(syncPoints.ToArray()));
        return (form, value.ToArray());
    }

    private static CommandWriter Command(CommandWriterOptions options, Action<CommandWriter> argument)
    {
        var writer = new CommandWriter(options);
        writer.WriteTag("A1"u8);
        writer.WriteSpace();
        writer.WriteAtom("X"u8);
        writer.WriteSpace();
        argument(writer);
        writer.EndCommand();
        return writer;
    }

    private static string Arg(CommandWriterOptions options, Action<CommandWriter> write)
    {
        using var writer = new CommandWriter(options);
        write(writer);
        return Text(writer);
    }

    private static string Text(CommandWriter writer) => Encoding.UTF8.GetString(writer.WrittenSpan);

    private static string[] Segments(CommandWriter writer) =>
        [.. Enumerable.Range(0, writer.SegmentCount).Select(i => Encoding.UTF8.GetString(writer.GetSegment(i).Span))];
}
