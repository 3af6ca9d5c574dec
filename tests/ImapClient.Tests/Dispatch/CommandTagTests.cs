using System.Text;
using Imap.Dispatch;

namespace Imap.Tests.Dispatch;

/// <summary>The dispatcher's tags: formatted as "A" and a number, and only those map back to a number.</summary>
public sealed class CommandTagTests
{
    [TestCase(1L, "A1")]
    [TestCase(4096L, "A4096")]
    [TestCase(long.MaxValue, "A9223372036854775807")]
    public void A_number_formats_as_A_and_its_digits(long number, string expected)
    {
        Span<byte> tag = stackalloc byte[CommandTag.MaxLength];
        int length = CommandTag.Format(number, tag);
        Assert.That(Encoding.ASCII.GetString(tag[..length]), Is.EqualTo(expected));
    }

    [TestCase("A1", 1L)]
    [TestCase("A123456", 123456L)]
    [TestCase("A0", 0L)]
    [TestCase("A01", 0L)]
    [TestCase("B1", 0L)]
    [TestCase("A", 0L)]
    [TestCase("A1x", 0L)]
    [TestCase("A-1", 0L)]
    [TestCase("A12345678901234567890", 0L)]
    [TestCase("A\u00e91", 0L)]
    public void Only_a_tag_the_dispatcher_makes_parses(string tag, long expected)
    {
        Assert.That(CommandTag.Parse(tag), Is.EqualTo(expected));
        if (tag.All(c => c < 0x80))
        {
            Assert.That(CommandTag.Parse(Encoding.ASCII.GetBytes(tag)), Is.EqualTo(expected));
        }
    }
}
