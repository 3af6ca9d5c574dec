using Imap.Sasl;

namespace Imap.Tests.Sasl;

/// <summary>SASLprep (RFC 4013): the examples of its §3 and the subset documented on <see cref="SaslPrep"/>.</summary>
public sealed class SaslPrepTests
{
    [TestCase("I\u00ADX", "IX", TestName = "Soft hyphen is mapped to nothing (RFC 4013 §3 example 1)")]
    [TestCase("user", "user", TestName = "Plain ASCII is unchanged (example 2)")]
    [TestCase("USER", "USER", TestName = "Case is preserved (example 3)")]
    [TestCase("\u00AA", "a", TestName = "Feminine ordinal is normalized to a (example 4)")]
    [TestCase("\u2168", "IX", TestName = "Roman numeral nine is normalized to IX (example 5)")]
    [TestCase("pen\u00A0cil", "pen cil", TestName = "No-break space is mapped to space")]
    [TestCase("a\u3000b\u2003c", "a b c", TestName = "Ideographic and em spaces are mapped to space")]
    [TestCase("a\u200Db\uFEFFc\uFE0F", "abc", TestName = "Zero width joiner, BOM and variation selector are mapped to nothing")]
    [TestCase("pa\u0301ss", "p\u00E1ss", TestName = "Combining accent is composed")]
    [TestCase("\U0001F600pw", "\U0001F600pw", TestName = "Emoji outside the BMP passes")]
    public void Maps_and_normalizes(string input, string expected)
    {
        Assert.That(SaslPrep.Prepare(input, "p"), Is.EqualTo(expected));
    }

    [TestCase("a\u0007b", TestName = "Ascii control character is prohibited (example 6)")]
    [TestCase("a\u0085b", TestName = "Non ascii control character is prohibited")]
    [TestCase("a\uE000b", TestName = "Private use character is prohibited")]
    [TestCase("a\uFDD0b", TestName = "Non character code point is prohibited")]
    [TestCase("a\uFFFDb", TestName = "Replacement character is prohibited")]
    [TestCase("a\u200Eb", TestName = "Left to right mark is prohibited")]
    [TestCase("a\U000E0041b", TestName = "Tagging character is prohibited")]
    [TestCase("a\U0010FFFEb", TestName = "Plane 16 non character is prohibited")]
    [TestCase("a\uD800b", TestName = "Lone high surrogate is prohibited")]
    [TestCase("a\uDC00", TestName = "Lone low surrogate is prohibited")]
    [TestCase("\u00AD", TestName = "Nothing left after mapping is refused")]
    public void Refuses(string input)
    {
        Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input, "p"));
    }
}
