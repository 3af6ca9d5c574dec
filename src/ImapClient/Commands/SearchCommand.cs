using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// SEARCH and UID SEARCH (RFC 9051 §6.4.4, §6.4.9). With ESEARCH (RFC 4731, part of IMAP4rev2) it is sent as
/// <c>SEARCH RETURN (...) ...</c> and its answer is recognised by the <c>(TAG "...")</c> correlator, so any number of
/// searches run at once. Without ESEARCH the answer is a plain SEARCH response, which carries nothing tying it to its
/// command: the command then collects <see cref="UntaggedKinds.Search"/> and runs alone among such commands.
/// </summary>
/// <remarks>
/// With <see cref="SearchReturnOptions.Save"/> the server keeps the result as <c>$</c> (RFC 5182); the command
/// declares <see cref="CommandTraits.SavesSearchResult"/> so that the gate orders it against commands using <c>$</c>.
/// </remarks>
internal sealed class SearchCommand : PendingCommand<SearchResult>
{
    private readonly MailboxSelection mailbox;
    private readonly SearchQuery query;
    private readonly SearchReturnOptions returns;
    private readonly bool uid;
    private readonly bool esearch;
    private readonly SearchNeeds needs;
    private ESearchResponse? answer;
    private UidSet? numbers;
    private ulong? modSeq;

    /// <param name="mailbox">The mailbox searched.</param>
    /// <param name="query">The criteria.</param>
    /// <param name="returns">What to return; <see cref="SearchReturnOptions.None"/> means ALL.</param>
    /// <param name="uid">UID SEARCH, else SEARCH (sequence numbers).</param>
    /// <param name="esearch">Whether to use the RETURN syntax and ESEARCH answers.</param>
    /// <param name="needs">What the query needs, gathered (and checked) by the caller.</param>
    public SearchCommand(MailboxSelection mailbox, SearchQuery query, SearchReturnOptions returns, bool uid, bool esearch, SearchNeeds needs)
    {
        this.mailbox = mailbox;
        this.query = query;
        this.returns = returns == SearchReturnOptions.None ? SearchReturnOptions.All : returns;
        this.uid = uid;
        this.esearch = esearch;
        this.needs = needs;
    }

    public override string Name => uid ? "UID SEARCH" : "SEARCH";

    public override CommandTraits Traits =>
        CommandTraits.RequiresSelected
        | (needs.ReadsFlags ? CommandTraits.ReadsFlags : CommandTraits.None)
        | (!uid || needs.UsesSequenceNumbers ? CommandTraits.UsesSequenceNumbers : CommandTraits.None)
        | ((returns & SearchReturnOptions.Save) != 0 ? CommandTraits.SavesSearchResult : CommandTraits.None)
        | (needs.UsesSavedResult ? CommandTraits.UsesSearchResult : CommandTraits.None);

    public override UntaggedKinds Collects => esearch ? UntaggedKinds.None : UntaggedKinds.Search;

    /// <summary>An ESEARCH that could not be read may have been this command's answer (its tag was not read either).</summary>
    public override bool MayOwn(DroppedResponse dropped) => esearch ? dropped.Name == "ESEARCH" : base.MayOwn(dropped);

    public override Exception? OnSending() => mailbox.CheckStillSelected();

    public override void Write(CommandWriter writer)
    {
        if (uid)
        {
            writer.WriteAtom("UID"u8);
            writer.WriteSpace();
        }

        writer.WriteAtom("SEARCH"u8);
        writer.WriteSpace();
        if (esearch)
        {
            // search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")" (RFC 4466 §2.6)
            writer.WriteAtom("RETURN"u8);
            writer.WriteSpace();
            writer.BeginList();
            bool first = true;
            WriteOption(writer, SearchReturnOptions.Min, "MIN"u8, ref first);
            WriteOption(writer, SearchReturnOptions.Max, "MAX"u8, ref first);
            WriteOption(writer, SearchReturnOptions.Count, "COUNT"u8, ref first);
            WriteOption(writer, SearchReturnOptions.All, "ALL"u8, ref first);
            WriteOption(writer, SearchReturnOptions.Save, "SAVE"u8, ref first);
            writer.EndList();
            writer.WriteSpace();
        }

        SearchSyntax.WriteCharset(writer, needs.HasNonAscii);
        SearchSyntax.WriteKeys(writer, query);
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (esearch)
        {
            if (answer is null && response is ESearchResponse candidate && SearchSyntax.IsOwnTag(candidate.Tag, TagNumber))
            {
                answer = candidate;
                return true;
            }

            return false;
        }

        if (response is SearchResponse search)
        {
            // One answer is the rule; a server that splits its answer over several lines still gets them merged.
            numbers = numbers is null ? search.Numbers : UidSet.FromRanges(numbers.Ranges.Concat(search.Numbers.Ranges));
            modSeq = search.ModSeq ?? modSeq;
            return true;
        }

        return false;
    }

    protected override SearchResult GetResult(TaggedResponse tagged)
    {
        if (esearch)
        {
            var data = answer;
            return new SearchResult
            {
                Min = Asked(SearchReturnOptions.Min) && data?.Min is { } min ? new Uid(min) : null,
                Max = Asked(SearchReturnOptions.Max) && data?.Max is { } max ? new Uid(max) : null,
                Count = Asked(SearchReturnOptions.Count) ? data?.Count ?? (data?.All is { } all ? all.Count : 0) : null,
                All = Asked(SearchReturnOptions.All) ? data?.All ?? UidSet.Empty : null,
                HighestModSeq = data?.ModSeq,
            };
        }

        // Plain SEARCH: MIN, MAX and COUNT are worked out from the full answer (RFC 4731 §3.1 defines them so).
        var set = numbers ?? UidSet.Empty;
        var ranges = set.Ranges;
        return new SearchResult
        {
            Min = Asked(SearchReturnOptions.Min) && ranges.Count != 0 ? ranges[0].First : null,
            Max = Asked(SearchReturnOptions.Max) && ranges.Count != 0 ? ranges[^1].Last : null,
            Count = Asked(SearchReturnOptions.Count) ? set.Count : null,
            All = Asked(SearchReturnOptions.All) ? set : null,
            HighestModSeq = modSeq,
        };
    }

    private bool Asked(SearchReturnOptions option) => (returns & option) != 0;

    private void WriteOption(CommandWriter writer, SearchReturnOptions option, ReadOnlySpan<byte> name, ref bool first)
    {
        if (!Asked(option))
        {
            return;
        }

        if (!first)
        {
            writer.WriteSpace();
        }

        writer.WriteAtom(name);
        first = false;
    }
}
