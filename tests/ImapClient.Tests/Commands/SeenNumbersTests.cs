using Imap.Commands;

namespace Imap.Tests.Commands;

/// <summary>Each message taken once, whether the fetch's set is one range (bitmap) or anything else (hash set).</summary>
public sealed class SeenNumbersTests
{
    [TestCase("1:500")]
    [TestCase("70:200,300")]
    [TestCase("4000000000:4294967295")]
    [TestCase("1:*")]
    public void Each_number_is_taken_once_and_counted(string set)
    {
        var seen = new SeenNumbers(UidSet.Parse(set).Numbers);
        uint[] numbers = [70, 71, 133, 134, 200, 300, 500, 1, 63, 64, 65, 4000000000, 4294967295, 9];

        foreach (uint n in numbers)
        {
            Assert.That(seen.Add(n), Is.True, $"{n} first time");
        }

        foreach (uint n in numbers)
        {
            Assert.That(seen.Add(n), Is.False, $"{n} second time");
        }

        Assert.That(seen.Count, Is.EqualTo(numbers.Length));
    }

    [Test]
    public void Numbers_outside_the_range_are_kept_too()
    {
        // A server may answer with a message outside the set (the command decides whether it is its own); the record
        // of what was taken must still be exact.
        var seen = new SeenNumbers(UidSet.Parse("100:163").Numbers);

        Assert.That(seen.Add(99), Is.True);
        Assert.That(seen.Add(164), Is.True);
        Assert.That(seen.Add(163), Is.True);
        Assert.That(seen.Add(99), Is.False);
        Assert.That(seen.Add(164), Is.False);
        Assert.That(seen.Add(163), Is.False);
        Assert.That(seen.Count, Is.EqualTo(3));
    }

    [Test]
    public void The_saved_result_and_no_set_use_the_hash_set()
    {
        foreach (var seen in new[] { new SeenNumbers(UidSet.SavedResult.Numbers), new SeenNumbers(null) })
        {
            Assert.That(seen.Add(7), Is.True);
            Assert.That(seen.Add(7), Is.False);
            Assert.That(seen.Count, Is.EqualTo(1));
        }
    }
}
