namespace Imap.Tests.Messages;

public class UidTests
{
    [Test]
    public void Zero_is_not_a_uid()
    {
        Assert.That(() => new Uid(0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => (Uid)0u, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Uid.FromUInt32(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Value_round_trips_through_the_conversions()
    {
        var uid = (Uid)4_000_000_000u;
        uint value = uid;
        Assert.That(value, Is.EqualTo(4_000_000_000u));
        Assert.That(uid.Value, Is.EqualTo(4_000_000_000u));
        Assert.That(uid.ToUInt32(), Is.EqualTo(4_000_000_000u));
        Assert.That(Uid.FromUInt32(7), Is.EqualTo(new Uid(7)));
    }

    [Test]
    public void Min_and_max_are_the_ends_of_the_nz_number_range()
    {
        Assert.That(Uid.MinValue.Value, Is.EqualTo(1u));
        Assert.That(Uid.MaxValue.Value, Is.EqualTo(uint.MaxValue));
    }

    [Test]
    public void ToString_is_the_decimal_number_whatever_the_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.That(new Uid(4_294_967_295).ToString(), Is.EqualTo("4294967295"));
            Assert.That($"{new Uid(12345)}", Is.EqualTo("12345"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Test]
    public void Uids_compare_by_value()
    {
        var small = new Uid(5);
        var large = new Uid(3_000_000_000);
        Assert.That(small.CompareTo(large), Is.LessThan(0));
        Assert.That(large.CompareTo(small), Is.GreaterThan(0));
        Assert.That(small.CompareTo(new Uid(5)), Is.EqualTo(0));
        Assert.That(small < large, Is.True);
        Assert.That(small > large, Is.False);
        Assert.That(small <= new Uid(5), Is.True);
        Assert.That(large >= small, Is.True);
        Assert.That(large <= small, Is.False);
        Assert.That(new[] { large, small, new Uid(9) }.Order().Select(u => u.Value), Is.EqualTo(new uint[] { 5, 9, 3_000_000_000 }));
    }

    [Test]
    public void Equal_values_are_equal_uids()
    {
        var a = new Uid(42);
        var b = (Uid)42u;
        Assert.That(a == b, Is.True);
        Assert.That(a != new Uid(43), Is.True);
        Assert.That(a.Equals(new Uid(43)), Is.False);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }
}
