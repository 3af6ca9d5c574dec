using CsCheck;

namespace Imap.Tests.Messages;

public class SequenceSetTests
{
    [TestCase("2,4:7,9,12:*", "2,4:7,9,12:*")]
    [TestCase("9,12:*,4:7,2", "2,4:7,9,12:*")]
    [TestCase("3:1,2:5", "1:5")]
    [TestCase("*:1", "1:*")]
    [TestCase("*", "*")]
    [TestCase("$", "$")]
    public void Parse_normalises_to_the_compact_form(string text, string expected)
    {
        Assert.That(SequenceSet.Parse(text).ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("0")]
    [TestCase("1,,2")]
    [TestCase("1,")]
    [TestCase("4294967296")]
    [TestCase("02")]
    [TestCase("1:x")]
    [TestCase("1,$")]
    public void Invalid_sequence_sets_are_rejected(string text)
    {
        Assert.That(SequenceSet.TryParse(text, out var set), Is.False);
        Assert.That(set, Is.Null);
        Assert.That(() => SequenceSet.Parse(text), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Factories_build_the_expected_sets()
    {
        Assert.That(SequenceSet.All.ToString(), Is.EqualTo("1:*"));
        Assert.That(SequenceSet.From(12).ToString(), Is.EqualTo("12:*"));
        Assert.That(SequenceSet.Largest.ToString(), Is.EqualTo("*"));
        Assert.That(SequenceSet.SavedResult.ToString(), Is.EqualTo("$"));
        Assert.That(SequenceSet.SavedResult.IsSavedResult, Is.True);
        Assert.That(SequenceSet.FromRange(7, 2).ToString(), Is.EqualTo("2:7"));
        Assert.That(SequenceSet.Create(new uint[] { 4, 2, 3, 9 }).ToString(), Is.EqualTo("2:4,9"));
        Assert.That(SequenceSet.FromRanges([new SequenceRange(1, 2), SequenceRange.From(3), SequenceRange.Largest]).ToString(), Is.EqualTo("1:*"));
        Assert.That(SequenceSet.Empty.IsEmpty, Is.True);
        Assert.That(SequenceSet.Empty.ToString(), Is.EqualTo(""));
    }

    [Test]
    public void Zero_is_rejected_by_every_factory()
    {
        Assert.That(() => SequenceSet.Create(new uint[] { 1, 0 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("numbers"));
        Assert.That(() => SequenceSet.FromRange(0, 5), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SequenceSet.FromRange(5, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SequenceSet.From(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Count_of_the_largest_ranges_fits_in_a_uint()
    {
        Assert.That(SequenceSet.FromRange(1, uint.MaxValue).Count, Is.EqualTo(uint.MaxValue));
        Assert.That(SequenceSet.Parse("1:10,4294967200:4294967295").Count, Is.EqualTo(106u));
        Assert.That(() => SequenceSet.From(1).Count, Throws.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Contains_count_and_enumeration_follow_the_ranges()
    {
        var set = SequenceSet.Parse("2,4:7,9");
        Assert.That(set.Count, Is.EqualTo(6u));
        Assert.That(set, Is.EqualTo(new uint[] { 2, 4, 5, 6, 7, 9 }).AsCollection);
        uint[] outside = [1, 3, 8, 10];
        Assert.That(outside.Where(set.Contains), Is.Empty);
        Assert.That(set.Contains(6), Is.True);

        var open = SequenceSet.Parse("2,12:*");
        Assert.That(open.Contains(4_000_000_000), Is.True);
        Assert.That(open.Contains(11), Is.False);
        Assert.That(() => open.Count, Throws.TypeOf<InvalidOperationException>());
        Assert.That(() => open.ToList(), Throws.TypeOf<InvalidOperationException>());
        Assert.That(open.Contains(8, largestInUse: 8), Is.True);
        Assert.That(() => SequenceSet.SavedResult.Contains(1), Throws.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Ranges_expose_the_normalised_ranges_with_null_for_star()
    {
        var ranges = SequenceSet.Parse("12:*,2,4:7").Ranges;
        Assert.That(ranges.Select(r => (r.First, r.Last)), Is.EqualTo(new (uint?, uint?)[] { (2, 2), (4, 7), (12, null) }));
    }

    [Test]
    public void Sets_with_the_same_members_are_equal()
    {
        var a = SequenceSet.Parse("1,2,3");
        var b = SequenceSet.FromRange(1, 3);
        Assert.That(a == b, Is.True);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a != SequenceSet.Parse("1:4"), Is.True);
        Assert.That(SequenceSet.SavedResult.Equals(SequenceSet.Parse("$")), Is.True);
    }

    [Test]
    public void Server_sets_parse_from_bytes_without_star_or_saved_result()
    {
        Assert.That(SequenceSet.TryParse("4:7,2"u8, out var set), Is.True);
        Assert.That(set!.ToString(), Is.EqualTo("2,4:7"));
        Assert.That(SequenceSet.TryParse("2:*"u8, out _), Is.False);
        Assert.That(SequenceSet.TryParse("$"u8, out _), Is.False);
        Assert.That(SequenceSet.TryParse("0"u8, out _), Is.False);
    }

    [Test]
    public void ToString_then_Parse_gives_the_same_set_for_arbitrary_numbers()
    {
        var pcg = new PCG(5, 2683);
        var numbers = Gen.Frequency((4, Gen.UInt[1, 100]), (1, Gen.UInt[1, uint.MaxValue])).Array[1, 30];
        for (int i = 0; i < 1000; i++)
        {
            var set = SequenceSet.Create(numbers.Generate(pcg, null!, out _));
            var parsed = SequenceSet.Parse(set.ToString());
            Assert.That(parsed.Equals(set), Is.True, set.ToString());
            Assert.That(parsed.ToString(), Is.EqualTo(set.ToString()));
        }
    }
}
