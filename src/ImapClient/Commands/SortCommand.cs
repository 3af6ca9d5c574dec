using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// UID SORT (RFC 5256 §3): <c>UID SORT (criteria) UTF-8 search-key...</c>. Its SORT response carries nothing tying it
/// to the command, so it collects <see cref="UntaggedKinds.Sort"/> and runs alone among such commands.
/// </summary>
internal sealed class SortCommand(MailboxSelection mailbox, IReadOnlyList<SortCriterion> criteria, SearchQuery query, SearchNeeds needs)
    : PendingCommand<IReadOnlyList<Uid>>
{
    private List<Uid>? found;

    public override string Name => "UID SORT";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected
        | (needs.ReadsFlags ? CommandTraits.ReadsFlags : CommandTraits.None)
        | (needs.UsesSequenceNumbers ? CommandTraits.UsesSequenceNumbers : CommandTraits.None)
        | (needs.UsesSavedResult ? CommandTraits.UsesSearchResult : CommandTraits.None);

    public override UntaggedKinds Collects => UntaggedKinds.Sort;

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("UID"u8);
        writer.WriteSpace();
        writer.WriteAtom("SORT"u8);
        writer.WriteSpace();
        writer.BeginList();
        for (int i = 0; i < criteria.Count; i++)
        {
            if (i != 0)
            {
                writer.WriteSpace();
            }

            if (criteria[i].Reverse)
            {
                writer.WriteAtom("REVERSE"u8);
                writer.WriteSpace();
            }

            writer.WriteAtom(System.Text.Encoding.ASCII.GetBytes(SortCriterion.Name(criteria[i].Key)));
        }

        writer.EndList();

        // The charset is not optional in SORT (RFC 5256 §3); UTF-8 holds ASCII and is what UTF8=ACCEPT requires.
        writer.WriteSpace();
        writer.WriteAtom("UTF-8"u8);
        writer.WriteSpace();
        SearchSyntax.WriteKeys(writer, query);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not SortResponse sort)
        {
            return false;
        }

        found ??= new List<Uid>(sort.Numbers.Count);
        foreach (uint number in sort.Numbers)
        {
            found.Add(new Uid(number));
        }

        return true;
    }

    protected override IReadOnlyList<Uid> GetResult(TaggedResponse tagged) => (IReadOnlyList<Uid>?)found ?? [];
}
