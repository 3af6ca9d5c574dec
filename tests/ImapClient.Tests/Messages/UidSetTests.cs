using CsCheck;

namespace Imap.Tests.Messages;

public class UidSetTests
{
    [TestCase("1", "1")]
    [TestCase("5,1:3,4,9:7,20:*,15", "1:5,7:9,15,20:*")]
    [TestCase("1:2,3:4", "1:4")]
    [TestCase("1:10,5:7", "1:10")]
    [TestCase("7:3", "3:7")]
    [TestCase("*:5", "5:*")]
    [TestCase("*", "*")]
    [TestCase("*:*", "*")]
    [TestCase("3,*", "3,*")]
    [TestCase("1:*,*", "1:*")]
    [TestCase("9:*,2:4,5", "2:5,9:*")]
    [TestCase("2:4,5:*", "2:*")]
    [TestCase("10:20,5:*", "5:*")]
    [TestCase("4294967295,*", "4294967295:*")]
    [TestCase("4294967294,*", "4294967294,*")]
    [TestCase("4294967295", "4294967295")]
    [TestCase("3,3,3", "3")]
    [TestCase("$", "$")]
    public void Parse_normalises_to_the_compact_form(string text, string expected)
    {
        Assert.That(UidSet.Parse(text).ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase(",")]
    [TestCase("1,")]
    [TestCase(",1")]
    [TestCase("1,,2")]
    [TestCase("0")]
    [TestCase("0:5")]
    [TestCase("5:0")]
    [TestCase("01")]
    [TestCase("1:007")]
    [TestCase("4294967296")]
    [TestCase("1:4294967296")]
    [TestCase("99999999999999999999999")]
    [TestCase("1:")]
    [TestCase(":1")]
    [TestCase("1::2")]
    [TestCase("1:2:3")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("1, 2")]
    [TestCase("1;2")]
    [TestCase("+1")]
    [TestCase("-1")]
    [TestCase("a")]
    [TestCase("1\r\n")]
    [TestCase("\u0661")]
    [TestCase("\uFF11")]
    [TestCase("**")]
    [TestCase("$,1")]
    [TestCase("1,$")]
    [TestCase("$:1")]
    [TestCase("$$")]
    public void Invalid_sequence_sets_are_rejected(string text)
    {
        Assert.That(UidSet.TryParse(text, out var set), Is.False);
        Assert.That(set, Is.Null);
        Assert.That(() => UidSet.Parse(text), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Null_text_is_not_a_set()
    {
        Assert.That(UidSet.TryParse((string?)null, out _), Is.False);
        Assert.That(() => UidSet.Parse(null!), Throws.TypeOf<ArgumentNullException>());
    }

    [Test]
    public void A_huge_range_is_one_range_and_is_counted_without_expanding_it()
    {
        var set = UidSet.FromRange(new Uid(1), new Uid(4_000_000_000));
        Assert.That(set.Ranges, Has.Count.EqualTo(1));
        Assert.That(set.Count, Is.EqualTo(4_000_000_000u));
        Assert.That(set.ToString(), Is.EqualTo("1:4000000000"));
        Assert.That(UidSet.Parse("1:4294967295").Count, Is.EqualTo(uint.MaxValue));
    }

    [Test]
    public void Count_reaches_uint_MaxValue_over_several_ranges_and_never_counts_a_star()
    {
        Assert.That(UidSet.Parse("1:2,4:4294967294,3,4294967295").Count, Is.EqualTo(uint.MaxValue));
        Assert.That(UidSet.Parse("1:2147483647,2147483649:4294967295").Count, Is.EqualTo(uint.MaxValue - 1));
        Assert.That(() => UidSet.All.Count, Throws.TypeOf<InvalidOperationException>(), "1:* names every UID up to one only the server knows");
        Assert.That(() => UidSet.Parse("4294967295,*").Count, Throws.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Contains_finds_members_of_ranges_and_open_ranges()
    {
        var set = UidSet.Parse("1:3,5,7:*");
        uint[] members = [1, 2, 3, 5, 7, 8, 1_000_000, uint.MaxValue];
        uint[] others = [4, 6];
        Assert.That(members.Where(u => !set.Contains(u)), Is.Empty);
        Assert.That(others.Where(set.Contains), Is.Empty);
        Assert.That(set.Contains(new Uid(2)), Is.True);
        Assert.That(set.Contains(new Uid(6)), Is.False);
    }

    [Test]
    public void Contains_is_false_outside_every_range()
    {
        var set = UidSet.Parse("2:4,10,20:30");
        uint[] outside = [1, 5, 9, 11, 19, 31, uint.MaxValue];
        uint[] inside = [2, 3, 4, 10, 20, 25, 30];
        Assert.That(outside.Where(set.Contains), Is.Empty);
        Assert.That(inside.Where(u => !set.Contains(u)), Is.Empty);
        Assert.That(UidSet.Empty.Contains(1), Is.False);
    }

    [Test]
    public void A_lone_star_matches_no_known_uid()
    {
        Assert.That(UidSet.Largest.Contains(1), Is.False);
        Assert.That(UidSet.Largest.Contains(uint.MaxValue), Is.False);
    }

    [Test]
    public void Contains_with_the_largest_uid_known_treats_star_as_that_uid()
    {
        // RFC 9051 §9: 500:* in a mailbox whose largest UID is 300 means 300:500, so UID 300 is in it.
        var open = UidSet.Parse("500:*");
        Assert.That(open.Contains(300, largestInUse: 300), Is.True);
        Assert.That(open.Contains(299, largestInUse: 300), Is.False);
        Assert.That(open.Contains(600, largestInUse: 700), Is.True);
        Assert.That(UidSet.Largest.Contains(42, largestInUse: 42), Is.True);
        Assert.That(UidSet.Largest.Contains(41, largestInUse: 42), Is.False);
        Assert.That(UidSet.Parse("1:5").Contains(9, largestInUse: 9), Is.False);
    }

    [Test]
    public void The_saved_result_has_no_known_members()
    {
        var saved = UidSet.SavedResult;
        Assert.That(saved.IsSavedResult, Is.True);
        Assert.That(saved.IsEmpty, Is.False);
        Assert.That(saved.IsBounded, Is.False);
        Assert.That(saved.ToString(), Is.EqualTo("$"));
        Assert.That(saved.Ranges, Is.Empty);
        Assert.That(() => saved.Contains(1), Throws.TypeOf<InvalidOperationException>());
        Assert.That(() => saved.Count, Throws.TypeOf<InvalidOperationException>());
        Assert.That(() => saved.First(), Throws.TypeOf<InvalidOperationException>());
        Assert.That(UidSet.Parse("$").Equals(saved), Is.True);
    }

    [Test]
    public void Count_and_enumeration_cover_bounded_sets_only()
    {
        var set = UidSet.Parse("1:3,5");
        Assert.That(set.Count, Is.EqualTo(4u));
        Assert.That(set.Select(u => u.Value), Is.EqualTo(new uint[] { 1, 2, 3, 5 }));
        Assert.That(UidSet.Empty.Count, Is.Zero);
        Assert.That(UidSet.Empty.Select(u => u.Value), Is.Empty);

        var open = UidSet.Parse("1:3,5:*");
        Assert.That(open.IsBounded, Is.False);
        Assert.That(() => open.Count, Throws.TypeOf<InvalidOperationException>());
        Assert.That(() => open.First(), Throws.TypeOf<InvalidOperationException>());
        Assert.That(() => UidSet.Largest.Count, Throws.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Enumeration_stops_at_the_largest_uid_without_overflowing()
    {
        var set = UidSet.Parse("4294967294:4294967295");
        Assert.That(set.Select(u => u.Value), Is.EqualTo(new uint[] { 4_294_967_294, 4_294_967_295 }));
    }

    [Test]
    public void Create_sorts_merges_and_removes_duplicates()
    {
        var set = UidSet.Create([new Uid(5), new Uid(3), new Uid(4), new Uid(10), new Uid(4), new Uid(1)]);
        Assert.That(set.ToString(), Is.EqualTo("1,3:5,10"));
        Assert.That(UidSet.Create(new uint[] { 9, 8, 7, 100, 101, 1 }).ToString(), Is.EqualTo("1,7:9,100:101"));
        Assert.That(UidSet.Create(new uint[] { uint.MaxValue, uint.MaxValue - 1 }).ToString(), Is.EqualTo("4294967294:4294967295"));
        Assert.That(UidSet.Create(new Uid(77)).ToString(), Is.EqualTo("77"));
    }

    [Test]
    public void Create_from_nothing_is_the_empty_set()
    {
        var set = UidSet.Create(Array.Empty<uint>());
        Assert.That(set.IsEmpty, Is.True);
        Assert.That(set.IsBounded, Is.True);
        Assert.That(set.ToString(), Is.EqualTo(""));
        Assert.That(set.Equals(UidSet.Empty), Is.True);
    }

    [Test]
    public void Create_rejects_zero()
    {
        Assert.That(() => UidSet.Create(new uint[] { 3, 0 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("uids"));
        Assert.That(() => UidSet.Create([new Uid(3), default]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => UidSet.Create(default(Uid)), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => UidSet.From(default), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Factories_build_the_expected_sets()
    {
        Assert.That(UidSet.All.ToString(), Is.EqualTo("1:*"));
        Assert.That(UidSet.From(new Uid(7)).ToString(), Is.EqualTo("7:*"));
        Assert.That(UidSet.Largest.ToString(), Is.EqualTo("*"));
        Assert.That(UidSet.FromRange(new Uid(9), new Uid(3)).ToString(), Is.EqualTo("3:9"));
        Assert.That(UidSet.FromRanges([new UidRange(new Uid(3), new Uid(5)), UidRange.From(new Uid(4)), UidRange.Largest]).ToString(), Is.EqualTo("3:*"));
        Assert.That(UidSet.FromRanges([new UidRange(new Uid(8), new Uid(9)), new UidRange(new Uid(1), new Uid(2))]).ToString(), Is.EqualTo("1:2,8:9"));
        Assert.That(UidSet.FromRanges([]).IsEmpty, Is.True);
    }

    [Test]
    public void Ranges_expose_the_normalised_ranges_with_null_for_star()
    {
        var ranges = UidSet.Parse("7:*,1:3,5").Ranges;
        Assert.That(ranges.Select(r => (r.First?.Value, r.Last?.Value)), Is.EqualTo(new (uint?, uint?)[] { (1, 3), (5, 5), (7, null) }));
        Assert.That(UidSet.Parse("2,*").Ranges.Select(r => (r.First?.Value, r.Last?.Value)), Is.EqualTo(new (uint?, uint?)[] { (2, 2), (null, null) }));
        Assert.That(ranges, Is.Not.InstanceOf<UidRange[]>());
    }

    [Test]
    public void Sets_with_the_same_members_are_equal()
    {
        var a = UidSet.Parse("1,2,3,7:*");
        var b = UidSet.FromRanges([new UidRange(new Uid(1), new Uid(3)), UidRange.From(new Uid(7))]);
        Assert.That(a.Equals(b), Is.True);
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a != UidSet.Parse("1:3,8:*"), Is.True);
        Assert.That(UidSet.Parse("1:3").Equals(UidSet.Parse("1:3,*")), Is.False);
        Assert.That(UidSet.SavedResult.Equals(UidSet.Empty), Is.False);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(a.Equals("1:3,7:*"), Is.False);
        Assert.That(a == null, Is.False);
        Assert.That((UidSet?)null == null, Is.True);
    }

    [Test]
    public void Server_sets_parse_from_bytes_without_star_or_saved_result()
    {
        Assert.That(UidSet.TryParse("300:302,7"u8, out var set), Is.True);
        Assert.That(set!.ToString(), Is.EqualTo("7,300:302"));
        Assert.That(set.IsBounded, Is.True);
        Assert.That(UidSet.TryParse("1:*"u8, out _), Is.False);
        Assert.That(UidSet.TryParse("*"u8, out _), Is.False);
        Assert.That(UidSet.TryParse("$"u8, out _), Is.False);
        Assert.That(UidSet.TryParse("1,,2"u8, out _), Is.False);
        Assert.That(UidSet.TryParse("4294967296"u8, out _), Is.False);
        Assert.That(UidSet.TryParse("1 "u8, out _), Is.False);
        Assert.That(UidSet.TryParse(""u8, out _), Is.False);
        Assert.That(UidSet.TryParse("\xC2\xB9"u8, out _), Is.False);
    }

    [Test]
    public void ToString_then_Parse_gives_the_same_set_for_arbitrary_ranges()
    {
        var pcg = new PCG(1, 9051);
        var bound = Gen.Frequency((6, Gen.UInt[1, 50]), (2, Gen.UInt[1, uint.MaxValue]), (1, Gen.Const(0u)));
        var ranges = Gen.Select(bound, bound, (a, b) => (a, b)).Array[0, 12];
        for (int i = 0; i < 2000; i++)
        {
            var raw = ranges.Generate(pcg, null!, out _);
            var set = UidSet.FromRanges(raw.Select(ToRange));
            string text = set.ToString();
            if (set.IsEmpty)
            {
                Assert.That(text, Is.EqualTo(""));
                continue;
            }

            var parsed = UidSet.Parse(text);
            Assert.That(parsed.Equals(set), Is.True, text);
            Assert.That(parsed.ToString(), Is.EqualTo(text));
        }

        // 0 stands for "*" here.
        static UidRange ToRange((uint First, uint Last) r) => (r.First, r.Last) switch
        {
            (0, 0) => UidRange.Largest,
            (0, var b) => UidRange.From(new Uid(b)),
            (var a, 0) => UidRange.From(new Uid(a)),
            var (a, b) => new UidRange(new Uid(a), new Uid(b)),
        };
    }

    [Test]
    public void Create_holds_exactly_the_given_numbers()
    {
        var pcg = new PCG(2, 3501);
        var numbers = Gen.UInt[1, 80].Array[0, 40];
        for (int i = 0; i < 1000; i++)
        {
            uint[] values = numbers.Generate(pcg, null!, out _);
            var set = UidSet.Create(values);
            uint[] expected = [.. values.Distinct().Order()];
            Assert.That(set.Select(u => u.Value), Is.EqualTo(expected));
            Assert.That(set.Count, Is.EqualTo((uint)expected.Length));
            for (uint n = 1; n <= 81; n++)
            {
                Assert.That(set.Contains(n), Is.EqualTo(expected.Contains(n)), $"{n} in {set}");
            }

            // Ranges neither overlap nor touch.
            var ranges = set.Ranges;
            for (int r = 1; r < ranges.Count; r++)
            {
                Assert.That(ranges[r].First!.Value.Value, Is.GreaterThan(ranges[r - 1].Last!.Value.Value + 1));
            }
        }
    }
}
