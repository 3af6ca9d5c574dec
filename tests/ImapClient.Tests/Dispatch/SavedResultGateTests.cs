using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>The gate's rule for <c>$</c>, the saved search result (RFC 5182 §2.1), on its own.</summary>
public sealed class SavedResultGateTests
{
    [Test]
    public void A_save_search_waits_for_a_command_in_flight_whose_set_is_the_saved_result()
    {
        var fetch = Command(CommandTraits.RequiresSelected, UidSet.SavedResult);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.RequiresSelected | CommandTraits.SavesSearchResult), [fetch]), Is.False);
    }

    [Test]
    public void A_save_search_waits_for_a_command_in_flight_that_declares_it_uses_the_saved_result()
    {
        var copy = Command(CommandTraits.RequiresSelected | CommandTraits.UsesSearchResult);
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.RequiresSelected | CommandTraits.SavesSearchResult), [copy]), Is.False);
    }

    [Test]
    public void A_save_search_goes_beside_commands_that_do_not_use_the_saved_result()
    {
        var fetch = Command(CommandTraits.RequiresSelected | CommandTraits.ReadsFlags, UidSet.Parse("1:10"));
        Assert.That(PipelineGate.CanSend(Command(CommandTraits.RequiresSelected | CommandTraits.SavesSearchResult), [fetch]), Is.True);
    }

    [Test]
    public void A_store_of_the_saved_result_pipelines_behind_the_save_search_that_reads_flags()
    {
        var save = Command(CommandTraits.RequiresSelected | CommandTraits.ReadsFlags | CommandTraits.SavesSearchResult);
        var store = Command(CommandTraits.RequiresSelected | CommandTraits.WritesFlags, UidSet.SavedResult);
        Assert.That(PipelineGate.CanSend(store, [save]), Is.True, "the server runs the STORE after the search that fills $");
    }

    [Test]
    public void A_store_of_the_saved_result_still_waits_for_a_flag_read_that_is_not_the_save()
    {
        var save = Command(CommandTraits.RequiresSelected | CommandTraits.ReadsFlags | CommandTraits.SavesSearchResult);
        var read = Command(CommandTraits.RequiresSelected | CommandTraits.ReadsFlags, UidSet.Parse("1:5"));
        var store = Command(CommandTraits.RequiresSelected | CommandTraits.WritesFlags, UidSet.SavedResult);
        Assert.That(PipelineGate.CanSend(store, [save, read]), Is.False);
    }

    [Test]
    public void A_store_of_other_messages_still_waits_for_a_save_search_that_reads_flags()
    {
        var save = Command(CommandTraits.RequiresSelected | CommandTraits.ReadsFlags | CommandTraits.SavesSearchResult);
        var store = Command(CommandTraits.RequiresSelected | CommandTraits.WritesFlags, UidSet.Parse("3"));
        Assert.That(PipelineGate.CanSend(store, [save]), Is.False);
    }

    [Test]
    public void A_sequence_number_command_using_the_saved_result_still_waits_for_an_expunge()
    {
        var expunge = Command(CommandTraits.RequiresSelected | CommandTraits.MayExpunge);
        var save = Command(CommandTraits.RequiresSelected | CommandTraits.SavesSearchResult);
        var store = Command(CommandTraits.RequiresSelected | CommandTraits.UsesSequenceNumbers | CommandTraits.UsesSearchResult);
        Assert.That(PipelineGate.CanSend(store, [save, expunge]), Is.False);
    }

    private static TestCommand Command(CommandTraits traits, UidSet? uids = null) => new(traits, uids);

    private sealed class TestCommand(CommandTraits traits, UidSet? uids) : PendingCommand<bool>
    {
        public override string Name => "TEST";

        public override CommandTraits Traits => traits;

        public override UidSet? Uids => uids;

        public override void Write(CommandWriter writer) => writer.WriteAtom("NOOP"u8);

        protected override bool GetResult(TaggedResponse tagged) => true;
    }
}
