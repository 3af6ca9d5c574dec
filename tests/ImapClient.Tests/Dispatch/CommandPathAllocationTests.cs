using Imap.Commands;
using Imap.Dispatch;
using Imap.Protocol.Responses;
using Imap.Tests.Support;

namespace Imap.Tests.Dispatch;

/// <summary>
/// What every command passes through allocates nothing of its own: the pipelining gate, arming the watchdog, and the
/// tag and text of its completion (docs/benchmarks.md, the single-command figures). Bytes allocated on this thread are
/// counted, which is exact and independent of timing.
/// </summary>
public sealed class CommandPathAllocationTests
{
    [Test]
    public void The_pipelining_gate_allocates_nothing()
    {
        var candidate = new NoopCommand();
        var barrier = new Probe(CommandTraits.Barrier);
        List<PendingCommand> inFlight = [new NoopCommand(), new Probe(CommandTraits.RequiresSelected)];
        List<PendingCommand> idle = [];
        bool[] answers = new bool[3];
        CanSendAll(candidate, barrier, inFlight, idle, answers);

        long before = GC.GetAllocatedBytesForCurrentThread();
        CanSendAll(candidate, barrier, inFlight, idle, answers);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(answers, Is.EqualTo(new[] { true, false, true }));
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Arming_the_watchdog_allocates_nothing()
    {
        using var watchdog = new Watchdog(() => { });
        watchdog.Configure(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), run: false);
        var writing = new NoopCommand();
        IReadOnlyList<PendingCommand> inFlight = new List<PendingCommand> { new NoopCommand(), writing };
        watchdog.Arm(inFlight, writing, writerAnswered: false, now: 1_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        watchdog.Arm(inFlight, writing, writerAnswered: false, now: 2_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(writing.Deadline, Is.EqualTo(11_000));
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void A_completion_with_the_dispatchers_tag_is_kept_by_number_and_its_repeated_text_is_shared()
    {
        var feeder = new ResponseFeeder();
        feeder.Feed("A41 OK NOOP completed.\r\nA42 OK NOOP completed.\r\n"u8.ToArray());

        var first = (TaggedResponse)feeder.Responses[0];
        var second = (TaggedResponse)feeder.Responses[1];
        Assert.That((first.TagNumber, first.Tag), Is.EqualTo((41L, "A41")));
        Assert.That((second.TagNumber, second.Tag), Is.EqualTo((42L, "A42")));
        Assert.That(second.Text, Is.EqualTo("NOOP completed."));
        Assert.That(second.Text, Is.SameAs(first.Text), "the second text is the first one's string");
    }

    [TestCase("A0123", Description = "a leading zero: not a tag the dispatcher makes, so not command 123")]
    [TestCase("a123")]
    [TestCase("B7")]
    [TestCase("A")]
    [TestCase("A99999999999999999999", Description = "more digits than a tag number has")]
    [TestCase("A12x")]
    public void Any_other_tag_is_kept_as_sent_and_matches_no_command(string tag)
    {
        var feeder = new ResponseFeeder();
        feeder.Feed(System.Text.Encoding.ASCII.GetBytes(tag + " BAD what?\r\n"));

        var tagged = (TaggedResponse)feeder.Responses.Single();
        Assert.That(tagged.Tag, Is.EqualTo(tag));
        Assert.That(tagged.TagNumber, Is.Zero);
    }

    [Test]
    public void A_text_that_differs_is_not_taken_for_the_one_before()
    {
        var feeder = new ResponseFeeder();
        feeder.Feed("A1 OK NOOP completed (0.001 + 0.000 secs).\r\nA2 OK NOOP completed (0.002 + 0.000 secs).\r\nA3 NO [OVERQUOTA] \u00fcber quota\r\n"u8.ToArray());

        var texts = feeder.Responses.Cast<TaggedResponse>().Select(t => t.Text).ToArray();
        Assert.That(texts, Is.EqualTo(new[] { "NOOP completed (0.001 + 0.000 secs).", "NOOP completed (0.002 + 0.000 secs).", "\u00fcber quota" }));
    }

    private static void CanSendAll(PendingCommand candidate, PendingCommand barrier, List<PendingCommand> inFlight, List<PendingCommand> idle, bool[] answers)
    {
        answers[0] = PipelineGate.CanSend(candidate, inFlight);
        answers[1] = PipelineGate.CanSend(barrier, inFlight);
        answers[2] = PipelineGate.CanSend(barrier, idle);
    }

    private sealed class Probe(CommandTraits traits) : PendingCommand<bool>
    {
        public override string Name => "X-PROBE";

        public override CommandTraits Traits => traits;

        public override void Write(Imap.Protocol.CommandWriter writer) => writer.WriteAtom("X-PROBE"u8);

        protected override bool GetResult(TaggedResponse tagged) => true;
    }
}
