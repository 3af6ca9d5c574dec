namespace Imap.Tests.Messages;

public sealed class ExpungeResultTests
{
    [Test]
    public void Count_adds_expunge_responses_and_vanished_uids()
    {
        Assert.That(new ExpungeResult([3, 3, 3], UidSet.Empty).Count, Is.EqualTo(3u));
        Assert.That(new ExpungeResult([], UidSet.Parse("5,9:4000000000")).Count, Is.EqualTo(3_999_999_993u));
        Assert.That(new ExpungeResult([2], UidSet.Parse("10:12")).Count, Is.EqualTo(4u));
    }

    [Test]
    public void Count_stops_at_the_most_messages_a_mailbox_holds()
    {
        var everything = UidSet.Parse("1:4294967295");

        Assert.That(new ExpungeResult([], everything).Count, Is.EqualTo(uint.MaxValue));
        Assert.That(new ExpungeResult([1, 1], everything).Count, Is.EqualTo(uint.MaxValue), "not wrapped round to 1");
    }
}
