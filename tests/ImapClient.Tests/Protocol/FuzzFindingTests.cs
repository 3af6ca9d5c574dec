using System.Text;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// Bugs the parser fuzz target found (scripts/fuzz.sh parser), each reduced to its smallest input; the raw inputs
/// are replayed from fuzz/findings by <see cref="Fuzz.FuzzCorpusReplayTests"/>.
/// </summary>
public sealed class FuzzFindingTests
{
    private const string Next = "A1 OK next\r\n";

    [Test(Description = "ParseUnknown skipped back past its start (ArgumentOutOfRangeException out of the reader loop) when a bare LF followed the name at once.")]
    public void An_unknown_response_whose_name_ends_at_a_bare_LF_is_skipped_as_malformed()
    {
        var events = ResponseFeeder.RunWhole("* q\n" + Next);

        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.StartWith("MALFORMED CRLF"));
        Assert.That(events[1], Does.StartWith("TaggedResponse{"));
    }

    [Test(Description = "A response name over 32 bytes that spanned two buffer segments came out empty, since only a keyword-sized copy was made.")]
    public void A_long_unknown_response_name_cut_across_reads_keeps_its_name()
    {
        string name = "X-" + new string('N', 40);
        var input = Encoding.ASCII.GetBytes($"* {name} (1 2)\r\n" + Next);
        var whole = ResponseFeeder.Run(input, [input.Length]);

        for (int cut = 3; cut < 2 + name.Length; cut++)
        {
            Assert.That(ResponseFeeder.Run(input, [cut]), Is.EqualTo(whole), $"cut at {cut}");
        }

        Assert.That(whole[0], Does.Contain($"Name=\"{name}\""));
    }

    [Test(Description = "A line of exactly the limit failed with LineTooLong when its CR arrived in one read and its LF in the next, and a bare-LF line one byte over it passed when whole.")]
    public void The_line_limit_counts_the_text_without_its_line_end_however_the_line_is_cut()
    {
        var limits = ImapLimits.Default with { MaxLineLength = 32 };
        var atLimit = Encoding.ASCII.GetBytes("* OK " + new string('a', 27) + "\r\n" + Next);
        var overByLf = Encoding.ASCII.GetBytes("* OK " + new string('a', 28) + "\n" + Next);

        for (int cut = 1; cut < 34; cut++)
        {
            var events = ResponseFeeder.Run(atLimit, [cut], limits);
            Assert.That(events, Has.Count.EqualTo(2), $"cut at {cut}");
            Assert.That(events[0], Does.StartWith("StatusResponse{"), $"cut at {cut}");
            Assert.That(ResponseFeeder.Run(overByLf, [cut], limits)[0], Is.EqualTo("FATAL LineTooLong"), $"cut at {cut}");
        }

        Assert.That(ResponseFeeder.Run(overByLf, [overByLf.Length], limits)[0], Is.EqualTo("FATAL LineTooLong"));
    }

    [Test(Description = "Skipping a damaged FETCH item's value took a flag that reached the end of a buffer segment as ended there, so the rest of the flag broke the whole response instead of only the item.")]
    public void A_damaged_fetch_item_holding_a_flag_cut_across_reads_fails_only_that_item()
    {
        var input = Encoding.ASCII.GetBytes("* 8 FETCH (THREADID \\Flagged UID 5)\r\n" + Next);
        var whole = ResponseFeeder.Run(input, [input.Length]);

        for (int cut = 1; cut < input.Length; cut++)
        {
            Assert.That(ResponseFeeder.Run(input, [cut]), Is.EqualTo(whole), $"cut at {cut}");
        }

        Assert.That(whole[0], Does.StartWith("FetchResponse{").And.Contain("Uid=5").And.Contain("THREADID"));
    }

    [Test(Description = "A FETCH item name over 64 bytes that spanned two buffer segments came out empty: an unknown item was kept under \"\" and a damaged one reported without its name.")]
    public void A_long_fetch_item_name_cut_across_reads_keeps_its_name()
    {
        string name = "X-" + new string('I', 80);
        var kept = Encoding.ASCII.GetBytes($"* 1 FETCH ({name} (a b) UID 5)\r\n" + Next);
        var damaged = Encoding.ASCII.GetBytes($"* 1 FETCH ({name} \"broken UID 5)\r\n" + Next);
        var wholeKept = ResponseFeeder.Run(kept, [kept.Length]);
        var wholeDamaged = ResponseFeeder.Run(damaged, [damaged.Length]);

        for (int cut = 12; cut < 12 + name.Length; cut++)
        {
            Assert.That(ResponseFeeder.Run(kept, [cut]), Is.EqualTo(wholeKept), $"cut at {cut}");
            Assert.That(ResponseFeeder.Run(damaged, [cut]), Is.EqualTo(wholeDamaged), $"cut at {cut}");
        }

        Assert.That(wholeKept[0], Does.StartWith("FetchResponse{").And.Contain($"\"{name}\""));
        Assert.That(wholeDamaged[0], Is.EqualTo($"MALFORMED {name}: a value"));
    }
}
