namespace Imap.Tests.Messages;

/// <summary>
/// A mod-sequence the caller gives is a 63-bit number (RFC 7162 §7, <c>mod-sequence-value</c>): one past it is refused
/// when it is given, typed, rather than sent for the server to reject.
/// </summary>
public sealed class ModSequenceArgumentTests
{
    private const ulong Largest = long.MaxValue;

    [Test]
    public void Changedsince_takes_zero_to_the_largest_and_refuses_more()
    {
        Assert.That(new FetchRequest { ChangedSince = 0 }.ChangedSince, Is.Zero);
        Assert.That(new FetchRequest { ChangedSince = Largest }.ChangedSince, Is.EqualTo(Largest));
        Assert.That(() => new FetchRequest { ChangedSince = Largest + 1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Unchangedsince_takes_zero_to_the_largest_and_refuses_more()
    {
        Assert.That(FlagChange.Add(MessageFlag.Seen) with { UnchangedSince = Largest }, Has.Property("UnchangedSince").EqualTo(Largest));
        Assert.That(() => FlagChange.Add(MessageFlag.Seen) with { UnchangedSince = Largest + 1 }, Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Qresync_parameters_refuse_a_mod_sequence_past_the_range()
    {
        Assert.That(new QResyncParameters(7, Largest).ModSeq, Is.EqualTo(Largest));
        Assert.That(() => new QResyncParameters(7, Largest + 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new QResyncParameters(7, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
