using Imap.Protocol;

namespace Imap.Tests.Protocol;

/// <summary>
/// The ASCII range tests that media types, parameter names and SCRAM attributes go through: exact at the ends of each
/// range, and free of allocation even before the JIT has optimized the caller.
/// </summary>
public sealed class AsciiRangesTests
{
    [TestCase("", false)]
    [TestCase("text/plain", false)]
    [TestCase("TEXT", true)]
    [TestCase("plaiN", true)]
    [TestCase("A", true)]
    [TestCase("Z", true)]
    [TestCase("@[", false)]
    [TestCase("\u00C9t\u00E9", false)]
    [TestCase("\uFF21", false)]
    public void An_upper_letter_is_exactly_A_to_Z(string text, bool expected) =>
        Assert.That(AsciiRanges.HasUpperLetter(text), Is.EqualTo(expected));

    [TestCase("", false)]
    [TestCase("0123456789", false)]
    [TestCase("12a", true)]
    [TestCase("/", true)]
    [TestCase(":", true)]
    [TestCase("\u0661", true)]
    public void A_non_digit_is_anything_but_0_to_9(string text, bool expected) =>
        Assert.That(AsciiRanges.HasNonDigit(text), Is.EqualTo(expected));

    [TestCase("", false)]
    [TestCase(" ~", false)]
    [TestCase("pass word", false)]
    [TestCase("\u001F", true)]
    [TestCase("\u007F", true)]
    [TestCase("caf\u00E9", true)]
    public void A_non_printable_character_is_anything_outside_space_to_tilde(string text, bool expected) =>
        Assert.That(AsciiRanges.HasNonPrintable(text), Is.EqualTo(expected));

    [TestCase("", false)]
    [TestCase("!~", false)]
    [TestCase("a b", true)]
    [TestCase("\u007F", true)]
    [TestCase("\t", true)]
    public void A_non_visible_character_is_anything_outside_exclamation_mark_to_tilde(string text, bool expected) =>
        Assert.That(AsciiRanges.HasNonVisible(text), Is.EqualTo(expected));

    [Test]
    public void The_tests_allocate_nothing()
    {
        string text = "multipart/ALTERNATIVE";
        bool any = false;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            any |= AsciiRanges.HasUpperLetter(text) | AsciiRanges.HasNonDigit(text) | AsciiRanges.HasNonPrintable(text)
                | AsciiRanges.HasNonVisible(text);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(any, Is.True);
        Assert.That(allocated, Is.Zero);
    }
}
