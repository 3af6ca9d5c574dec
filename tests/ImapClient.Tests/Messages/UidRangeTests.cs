namespace Imap.Tests.Messages;

public class UidRangeTests
{
    [Test]
    public void A_range_orders_its_ends()
    {
        var range = new UidRange(new Uid(9), new Uid(3));
        Assert.That(range.First, Is.EqualTo(new Uid(3)));
        Assert.That(range.Last, Is.EqualTo(new Uid(9)));
        Assert.That(range.IsBounded, Is.True);
        Assert.That(range.ToString(), Is.EqualTo("3:9"));
        Assert.That(range, Is.EqualTo(new UidRange(new Uid(3), new Uid(9))));
    }

    [Test]
    public void A_single_uid_prints_as_one_number()
    {
        Assert.That(new UidRange(new Uid(4294967295), new Uid(4294967295)).ToString(), Is.EqualTo("4294967295"));
    }

    [Test]
    public void An_open_range_has_no_last_uid()
    {
        var range = UidRange.From(new Uid(5));
        Assert.That(range.First, Is.EqualTo(new Uid(5)));
        Assert.That(range.Last, Is.Null);
        Assert.That(range.IsBounded, Is.False);
        Assert.That(range.ToString(), Is.EqualTo("5:*"));
    }

    [Test]
    public void The_default_range_is_the_lone_star()
    {
        Assert.That(default(UidRange), Is.EqualTo(UidRange.Largest));
        Assert.That(UidRange.Largest.First, Is.Null);
        Assert.That(UidRange.Largest.Last, Is.Null);
        Assert.That(UidRange.Largest.ToString(), Is.EqualTo("*"));
    }

    [Test]
    public void Default_uids_are_rejected()
    {
        Assert.That(() => new UidRange(default, new Uid(2)), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("first"));
        Assert.That(() => new UidRange(new Uid(2), default), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("last"));
        Assert.That(() => UidRange.From(default), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
