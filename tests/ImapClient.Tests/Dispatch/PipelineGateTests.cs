using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>Each RFC 9051 §5.5 rule of the gate, on its own.</summary>
public sealed class PipelineGateTests
{
    [Test]
    public void Anything_goes_when_nothing_is_in_flight()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.Barrier), []), Is.True);
    }

    [Test]
    public void A_barrier_waits_for_everything_before_it()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.Barrier), [Command(CommandTraits.None)]), Is.False);
    }

    [Test]
    public void Everything_waits_for_a_barrier_in_flight()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.None), [Command(CommandTraits.Barrier)]), Is.False);
    }

    [Test]
    public void Independent_commands_pipeline()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.RequiresSelected), [Command(CommandTraits.RequiresSelected), Command(CommandTraits.None)]), Is.True);
    }

    [Test]
    public void Sequence_numbers_wait_while_an_expunge_may_happen()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.UsesSequenceNumbers), [Command(CommandTraits.MayExpunge)]), Is.False);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.MayExpunge), [Command(CommandTraits.UsesSequenceNumbers)]), Is.False);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.RequiresSelected), [Command(CommandTraits.MayExpunge)]), Is.True, "UID commands are not affected");
    }

    [Test]
    public void Collectors_of_the_same_uncorrelated_kind_run_one_at_a_time()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.None, UntaggedKinds.List), [Command(CommandTraits.None, UntaggedKinds.List)]), Is.False);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.None, UntaggedKinds.List), [Command(CommandTraits.None, UntaggedKinds.Search)]), Is.True);
    }

    [Test]
    public void Reading_flags_waits_for_a_store_to_the_same_messages()
    {
        var store = Command(CommandTraits.WritesFlags, uids: UidSet.Parse("5:10"));
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("8")), [store]), Is.False);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("11:20")), [store]), Is.True);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.WritesFlags, uids: UidSet.Parse("1,10")), [Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("10"))]), Is.False);
    }

    [Test]
    public void Unknown_or_open_sets_are_assumed_to_overlap()
    {
        var store = Command(CommandTraits.WritesFlags, uids: UidSet.Parse("5"));
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.ReadsFlags, uids: null), [store]), Is.False);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("100:*")), [store]), Is.False);
    }

    [Test]
    public void Two_readers_of_flags_pipeline()
    {
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("1:5")), [Command(CommandTraits.ReadsFlags, uids: UidSet.Parse("1:5"))]), Is.True);
    }

    [Test]
    public void Only_encoding_neutral_commands_run_beside_an_encoding_switch_either_way_round()
    {
        var enable = new TestCommand(CommandTraits.None, UntaggedKinds.None, null) { Switches = true };
        var neutral = new TestCommand(CommandTraits.None, UntaggedKinds.None, null) { Neutral = true };
        var status = Command(CommandTraits.None);

        Assert.That(PipelineGate.CanSend(neutral, [enable]), Is.True);
        Assert.That(PipelineGate.CanSend(status, [enable]), Is.False);
        Assert.That(PipelineGate.CanSend(enable, [neutral]), Is.True);
        Assert.That(PipelineGate.CanSend(enable, [status]), Is.False);
    }

    private static TestCommand Command(CommandTraits traits, UntaggedKinds collects = UntaggedKinds.None, UidSet? uids = null) => new(traits, collects, uids);

    private sealed class TestCommand(CommandTraits traits, UntaggedKinds collects, UidSet? uids) : PendingCommand<bool>
    {
        public override string Name => "TEST";

        public override CommandTraits Traits => traits;

        public override UntaggedKinds Collects => collects;

        public override UidSet? Uids => uids;

        public bool Switches { get; init; }

        public bool Neutral { get; init; }

        public override bool SwitchesEncoding => Switches;

        public override bool IsEncodingNeutral => Neutral;

        public override void Write(CommandWriter writer) => writer.WriteAtom("TEST"u8);

        protected override bool GetResult(TaggedResponse tagged) => true;
    }
}
