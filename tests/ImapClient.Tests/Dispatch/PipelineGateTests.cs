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

    [Test]
    public void A_selection_change_goes_beside_commands_that_do_not_involve_the_selection_and_waits_for_the_rest()
    {
        var select = new TestCommand(CommandTraits.Barrier, UntaggedKinds.None, null) { SelectionChange = true, Neutral = true };
        var nonAsciiSelect = new TestCommand(CommandTraits.Barrier, UntaggedKinds.None, null) { SelectionChange = true };
        var otherBarrier = Command(CommandTraits.Barrier);
        var listing = new TestCommand(CommandTraits.None, UntaggedKinds.List, null) { Independent = true, Neutral = true };
        var enable = new TestCommand(CommandTraits.None, UntaggedKinds.None, null) { Switches = true, Independent = true };
        var fetch = Command(CommandTraits.RequiresSelected);

        Assert.That(PipelineGate.CanSend(select, [listing]), Is.True, "SELECT beside NAMESPACE/LIST after login");
        Assert.That(PipelineGate.CanSend(select, [listing, enable]), Is.True, "an ASCII name is the same bytes after ENABLE UTF8=ACCEPT");
        Assert.That(PipelineGate.CanSend(nonAsciiSelect, [enable]), Is.False, "a name that ENABLE would re-encode waits for it");
        Assert.That(PipelineGate.CanSend(select, [listing, fetch]), Is.False, "a command on the old selection must finish first");
        Assert.That(PipelineGate.CanSend(otherBarrier, [listing]), Is.False, "other barriers still wait for everything");
        Assert.That(PipelineGate.CanSend(listing, [select]), Is.False, "nothing passes a SELECT in flight");
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

        public bool Independent { get; init; }

        public bool SelectionChange { get; init; }

        public override bool IsSelectionIndependent => Independent;

        public override bool ChangesSelection => SelectionChange;

        public override bool SwitchesEncoding => Switches;

        public override bool IsEncodingNeutral => Neutral;

        public override void Write(CommandWriter writer) => writer.WriteAtom("TEST"u8);

        protected override bool GetResult(TaggedResponse tagged) => true;
    }
}
