namespace Imap.Tests.Messages;

public class SequenceRangeTests
{
    [Test]
    public void A_range_orders_its_ends()
    {
        var range = new SequenceRange(8, 2);
        Assert.That(range.First, Is.EqualTo(2u));
        Assert.That(range.Last, Is.EqualTo(8u));
        Assert.That(range.IsBounded, Is.True);
        Assert.That(range.ToString(), Is.EqualTo("2:8"));
    }

    [Test]
    public void Open_and_star_ranges_print_with_star()
    {
        Assert.That(SequenceRange.From(3).ToString(), Is.EqualTo("3:*"));
        Assert.That(SequenceRange.From(3).Last, Is.Null);
        Assert.That(SequenceRange.From(3).IsBounded, Is.False);
        Assert.That(default(SequenceRange).ToString(), Is.EqualTo("*"));
        Assert.That(SequenceRange.Largest.First, Is.Null);
        Assert.That(new SequenceRange(6, 6).ToString(), Is.EqualTo("6"));
    }

    [Test]
    public void Zero_is_rejected()
    {
        Assert.That(() => new SequenceRange(0, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new SequenceRange(1, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SequenceRange.From(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
