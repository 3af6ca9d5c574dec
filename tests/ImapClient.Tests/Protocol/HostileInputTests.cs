using System.Text;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// What a hostile or broken server can send: each case ends in a typed outcome with bounded memory, never a hang,
/// a crash or a stack overflow, and where framing survives the next response still parses.
/// </summary>
public sealed class HostileInputTests
{
    private const string Next = "A1 OK next\r\n";

    [Test]
    public void Huge_body_literal_then_silence_streams_without_buffering()
    {
        var feeder = new ResponseFeeder { MaxKeptBodyBytes = 0 };
        feeder.Feed(Encoding.ASCII.GetBytes("* 1 FETCH (BODY[] {999999999999}\r\n"));
        var chunk = new byte[64 * 1024];
        for (int i = 0; i < 32; i++)
        {
            feeder.Feed(chunk);
        }

        Assert.That(feeder.Events.Single(), Does.StartWith("BODY-START BODY[]<> 999999999999"));
        Assert.That(feeder.BodyBytes, Is.EqualTo(32L * chunk.Length));
        Assert.That(feeder.Buffered, Is.Zero, "body bytes are handed on, not held");
    }

    [Test]
    public void Huge_non_body_literal_is_discarded_as_it_arrives_and_reported()
    {
        var limits = ImapLimits.Default with { MaxLiteralSize = 1000 };
        var feeder = new ResponseFeeder(limits, streamingThreshold: 100);
        // A mailbox name sent as a literal: a value, not a body, so over MaxLiteralSize it is thrown away.
        feeder.Feed(Encoding.ASCII.GetBytes("* LIST () \"/\" {5000}\r\n"));
        feeder.Feed(new byte[3000]);
        Assert.That(feeder.Buffered, Is.Zero);
        feeder.Feed(new byte[2000]);
        feeder.Feed(Encoding.ASCII.GetBytes(" tail\r\n" + Next));

        Assert.That(feeder.Events, Has.Count.EqualTo(2));
        Assert.That(feeder.Events[0], Does.StartWith("MALFORMED a literal of 5000 bytes"));
        Assert.That(feeder.Events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test(Description = "A refused literal used to count against the rest of its response, turning a skippable response into a framing error.")]
    public void A_literal_over_the_response_limit_is_discarded_without_counting_against_the_rest_of_its_response()
    {
        var limits = ImapLimits.Default with { MaxResponseSize = 5000, MaxLiteralSize = 100_000 };
        var feeder = new ResponseFeeder(limits, streamingThreshold: 100);
        feeder.Feed(Encoding.ASCII.GetBytes("* LIST () \"/\" {6000}\r\n"));
        feeder.Feed(new byte[6000]);
        feeder.Feed(Encoding.ASCII.GetBytes(" " + new string('t', 3000) + "\r\n" + Next));

        Assert.That(feeder.Events, Has.Count.EqualTo(2));
        Assert.That(feeder.Events[0], Does.StartWith("MALFORMED"));
        Assert.That(feeder.Events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test(Description = "Text ending in \"{n}\" after a closed response code was taken for a literal, swallowing the next response.")]
    public void A_literal_header_at_the_end_of_status_text_is_text_and_the_next_response_survives()
    {
        var events = ResponseFeeder.RunWhole("* OK [ALERT] Quota at 80% {5}\r\n" + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.StartWith("StatusResponse{").And.Contain("Quota at 80% {5}"));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test]
    public void A_badcharset_astring_may_hold_a_bracket_and_still_be_followed_by_a_literal()
    {
        // RFC 3501: "BADCHARSET" [SP "(" astring *(SP astring) ")"], and an astring may hold "]" or be a literal.
        var events = ResponseFeeder.RunWhole("A5 NO [BADCHARSET (a]b {5}\r\nUTF-8)] Unsupported\r\n" + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.StartWith("TaggedResponse{").And.Contain("BADCHARSET"));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test]
    public void Literal_length_past_2_to_the_64_is_a_framing_error()
    {
        var events = ResponseFeeder.RunWhole("* 1 FETCH (BODY[] {18446744073709551616}\r\n");

        Assert.That(events, Is.EqualTo(new[] { "FATAL LiteralLengthOverflow" }));
    }

    [Test]
    public void Literal_length_with_hundreds_of_digits_is_a_framing_error()
    {
        var events = ResponseFeeder.RunWhole("* 1 FETCH (BODY[] {" + new string('9', 300) + "}\r\n");

        Assert.That(events, Is.EqualTo(new[] { "FATAL LiteralLengthOverflow" }));
    }

    [Test]
    public void Literal_longer_than_the_body_limit_is_a_framing_error()
    {
        var events = ResponseFeeder.RunWhole("* 1 FETCH (BODY[] {5000}\r\n", ImapLimits.Default with { MaxBodySize = 4096 });

        Assert.That(events, Is.EqualTo(new[] { "FATAL LiteralTooLarge" }));
    }

    [TestCase("* 99999999999999999999 EXISTS\r\n")]
    [TestCase("* 1 FETCH (UID 99999999999)\r\n")]
    [TestCase("* 1 FETCH (MODSEQ (99999999999999999999))\r\n")]
    [TestCase("* OK [UIDNEXT 99999999999999999999] x\r\n")]
    [TestCase("* ESEARCH (TAG \"A1\") UID COUNT 4294967296\r\n")]
    public void Numbers_past_their_range_are_malformed_and_the_stream_goes_on(string input)
    {
        var events = ResponseFeeder.RunWhole(input + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
        if (!input.Contains("FETCH", StringComparison.Ordinal))
        {
            Assert.That(events[0], Does.StartWith("MALFORMED"));
        }
        else
        {
            Assert.That(events[0], Does.Contain("MalformedItems=["));
        }
    }

    [Test]
    public void Hundred_thousand_nested_parentheses_fail_without_stack_overflow()
    {
        string deep = new string('(', 100_000) + new string(')', 100_000);
        var inputs = new[]
        {
            $"* 1 FETCH (BODYSTRUCTURE {deep})\r\n",
            $"* 1 FETCH (X-UNKNOWN {deep})\r\n",
            $"* THREAD {deep}\r\n",
            $"* LIST () \"/\" INBOX (\"X\" {deep})\r\n",
            $"* ESEARCH (TAG \"a\" X {deep})\r\n",
        };

        foreach (string input in inputs)
        {
            var events = ResponseFeeder.RunWhole(input + Next);
            Assert.That(events, Has.Count.EqualTo(2), input[..30]);
            Assert.That(events[0], Does.StartWith("MALFORMED"), input[..30]);
            Assert.That(events[1], Does.StartWith("TaggedResponse{"));
        }
    }

    [Test]
    public void Line_without_crlf_fails_once_it_outgrows_the_limit()
    {
        var limits = ImapLimits.Default with { MaxLineLength = 1024 * 1024 };
        var feeder = new ResponseFeeder(limits);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        feeder.Feed("* OK "u8.ToArray());
        int fed = 0;
        while (feeder.Events.Count == 0 && fed < 100 * 16)
        {
            feeder.Feed(chunk);
            fed++;
        }

        Assert.That(feeder.Events, Is.EqualTo(new[] { "FATAL LineTooLong" }));
        Assert.That(fed, Is.LessThanOrEqualTo(17), "fails as soon as the limit is passed, not after 100 MB");
    }

    [Test]
    public void Hundred_megabyte_line_with_default_limits_fails_before_its_end()
    {
        var feeder = new ResponseFeeder();
        var chunk = new byte[1024 * 1024];
        chunk.AsSpan().Fill((byte)'x');
        int fed = 0;
        while (feeder.Events.Count == 0 && fed < 100)
        {
            feeder.Feed(chunk);
            fed++;
        }

        Assert.That(feeder.Events, Is.EqualTo(new[] { "FATAL LineTooLong" }));
        Assert.That(fed, Is.LessThan(100));
    }

    [Test]
    public void Two_hundred_thousand_one_byte_literals_in_one_response_parse()
    {
        var sb = new StringBuilder("* 1 FETCH (UID 5 X-MANY (");
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append(i == 0 ? "{1}\r\na" : " {1}\r\na");
        }

        sb.Append("))\r\n");
        var bytes = Encoding.ASCII.GetBytes(sb.ToString());

        var events = ResponseFeeder.Run(bytes, Enumerable.Repeat(4096, (bytes.Length / 4096) + 1));

        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0], Does.StartWith("FetchResponse{").And.Contain("Uid=5"));
    }

    [Test]
    public void Too_many_literals_in_one_response_is_a_framing_error()
    {
        var sb = new StringBuilder("* 1 FETCH (X-MANY (");
        for (int i = 0; i < 20; i++)
        {
            sb.Append(" {1}\r\na");
        }

        var events = ResponseFeeder.RunWhole(sb + "))\r\n", ImapLimits.Default with { MaxLiteralsPerResponse = 10 });

        Assert.That(events, Is.EqualTo(new[] { "FATAL TooManyLiterals" }));
    }

    [TestCase("* LIST () \"/\" \"a\u0000b\"\r\n")]
    [TestCase("* LIST () \"/\" \"a\rb\"\r\n")]
    [TestCase("* OK text with \u0000 NUL\r\n")]
    [TestCase("* SEARCH 1 2\u00e9\r\n")]
    [TestCase("* CAPABILITY IMAP4rev1 caf\u00e9\r\n")]
    [TestCase("* 1 FETCH (FLAGS (\\Se\u00e9n))\r\n")]
    [TestCase("A1 OK [UIDNEXT 1\u00e9] x\r\n")]
    [TestCase("* LIST () \"/\" \"a\\zb\"\r\n")]
    [TestCase("* 1 FETCH (UID 1 ENVELOPE (NIL {3}\r\na\u0000b NIL NIL NIL NIL NIL NIL NIL NIL))\r\n")]
    [TestCase("* 1 EXISTS trailing\r\n")]
    [TestCase("A1 OK [ALERT text\r\n")]
    public void Forbidden_bytes_make_that_response_malformed_and_nothing_else(string input)
    {
        var events = ResponseFeeder.RunWhole(input + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.StartWith("MALFORMED").Or.Contain("MalformedItems"));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test]
    public void Bare_lf_ends_a_malformed_response_and_the_next_one_parses()
    {
        var events = ResponseFeeder.RunWhole("* OK bare\n" + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.StartWith("MALFORMED"));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test]
    public void Response_over_the_total_limit_is_a_framing_error()
    {
        var limits = ImapLimits.Default with { MaxResponseSize = 10_000 };
        var sb = new StringBuilder("* 1 FETCH (X-MANY (");
        for (int i = 0; i < 10; i++)
        {
            sb.Append(" {2000}\r\n").Append('a', 2000);
        }

        var events = ResponseFeeder.RunWhole(sb + "))\r\n", limits);

        Assert.That(events, Is.EqualTo(new[] { "FATAL ResponseTooLarge" }));
    }
}
