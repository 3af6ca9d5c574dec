using CsCheck;

namespace Imap.Tests.Messages;

public class NumberSetTests
{
    private const ulong Star = NumberSet.Star;

    [Test]
    public void Normalising_with_star_keeps_the_meaning_for_every_largest_number()
    {
        // RFC 9051 §9: "*" is the largest number in use (L) and a:b means every number between a and b in either order.
        // Whatever L turns out to be, the normalised set must name exactly the messages the raw elements name.
        var pcg = new PCG(3, 5182);
        var number = Gen.Frequency((5, Gen.ULong[1, 20]), (1, Gen.Const(Star)));
        var element = Gen.Select(number, number, Gen.Bool, (a, b, single) => (a, single ? a : b));
        var elements = element.Array[1, 6];
        for (int i = 0; i < 3000; i++)
        {
            var raw = elements.Generate(pcg, null!, out _);
            string text = string.Join(",", raw.Select(e => e.Item1 == e.Item2 ? Show(e.Item1) : Show(e.Item1) + ":" + Show(e.Item2)));
            Assert.That(NumberSet.TryParse(text.AsSpan(), allowStarAndSaved: true, out var set), Is.True, text);
            for (ulong largest = 1; largest <= 24; largest++)
            {
                var expected = Meaning(raw, largest);
                var actual = Meaning(set.Ranges.ToArray().Select(r => (r.Start, r.End)), largest);
                Assert.That(actual, Is.EqualTo(expected), $"{text} -> {set} with * = {largest}");
            }
        }

        static string Show(ulong n) => n == Star ? "*" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void Membership_once_star_is_known_matches_the_rfc_meaning()
    {
        var pcg = new PCG(4, 7162);
        var number = Gen.Frequency((5, Gen.ULong[1, 20]), (1, Gen.Const(Star)));
        var elements = Gen.Select(number, number, (a, b) => (a, b)).Array[1, 5];
        for (int i = 0; i < 2000; i++)
        {
            var raw = elements.Generate(pcg, null!, out _);
            var set = NumberSet.FromRanges(raw.Select(e => new NumberRange(e.a, e.b)).ToArray());
            for (uint largest = 1; largest <= 24; largest++)
            {
                var expected = Meaning(raw, largest);
                for (uint n = 1; n <= largest; n++)
                {
                    Assert.That(set.Contains(n, largest), Is.EqualTo(expected.Contains(n)), $"{n} in {set} with * = {largest}");
                }
            }
        }
    }

    [Test]
    public void Formatted_length_matches_the_bytes_written()
    {
        Assert.That(NumberSet.TryParse("1:3,5,7:*,4294967295"u8, allowStarAndSaved: true, out var set), Is.True);
        Span<byte> buffer = stackalloc byte[64];
        int written = set.Format(buffer);
        Assert.That(set.GetFormattedLength(), Is.EqualTo(written));
        Assert.That(System.Text.Encoding.ASCII.GetString(buffer[..written]), Is.EqualTo("1:3,5,7:*"));
        Assert.That(NumberSet.SavedResult.GetFormattedLength(), Is.EqualTo(1));
        Assert.That(default(NumberSet).GetFormattedLength(), Is.EqualTo(0));
    }

    private static SortedSet<ulong> Meaning(IEnumerable<(ulong, ulong)> elements, ulong largest)
    {
        var result = new SortedSet<ulong>();
        foreach (var (a, b) in elements)
        {
            ulong x = a == Star ? largest : a;
            ulong y = b == Star ? largest : b;
            for (ulong n = Math.Min(x, y); n <= Math.Max(x, y) && n <= largest; n++)
            {
                result.Add(n);
            }
        }

        return result;
    }
}
