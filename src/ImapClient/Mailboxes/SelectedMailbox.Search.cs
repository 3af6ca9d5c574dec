using Imap.Commands;

namespace Imap;

/// <summary>SEARCH, SORT and THREAD on the selected mailbox.</summary>
public sealed partial class SelectedMailbox
{
    /// <summary>
    /// UID SEARCH (RFC 9051 §6.4.4, §6.4.9): the UIDs of the messages that match, as a compact set. With ESEARCH
    /// (RFC 4731, IMAP4rev2) it is sent as <c>UID SEARCH RETURN (ALL) ...</c> and many searches may run at once;
    /// without, as a plain UID SEARCH, one at a time.
    /// </summary>
    /// <param name="query">The criteria.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">A key needs a capability the server does not offer; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused (for example NO [BADCHARSET]).</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public async Task<UidSet> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var result = await SearchReturningAsync(query, SearchReturnOptions.All, cancellationToken).ConfigureAwait(false);
        return result.All!;
    }

    /// <summary>
    /// UID SEARCH with return options (RFC 4731 §3.1, RFC 9051 §6.4.4): MIN, MAX, COUNT and ALL as asked, and SAVE
    /// (RFC 5182) to keep the result on the server as <see cref="UidSet.SavedResult"/>. Without ESEARCH the client
    /// works out MIN, MAX and COUNT from a plain SEARCH.
    /// </summary>
    /// <param name="query">The criteria.</param>
    /// <param name="options">What to return; <see cref="SearchReturnOptions.None"/> means ALL.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">
    /// A key needs a capability the server does not offer, or SAVE was asked without SEARCHRES; nothing was sent.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused (for example NO [BADCHARSET]).</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    /// <remarks>A name of its own rather than an overload of <see cref="SearchAsync"/>: two overloads with optional
    /// parameters cannot both evolve compatibly (RS0026).</remarks>
    public Task<SearchResult> SearchReturningAsync(SearchQuery query, SearchReturnOptions options, CancellationToken cancellationToken = default)
    {
        var needs = Prepare(query);
        bool esearch = SearchSyntax.HasESearch(client);
        if ((options & SearchReturnOptions.Save) != 0)
        {
            needs.Require("SEARCHRES", "RETURN (SAVE)");
            esearch = true;
        }

        return client.RunAsync(new SearchCommand(Selection, query, options, uid: true, esearch, needs), cancellationToken);
    }

    /// <summary>
    /// UID SEARCH RETURN (SAVE) (RFC 5182 §2): the server keeps the UIDs that match as <c>$</c>, and nothing comes
    /// back. Pass <see cref="UidSet.SavedResult"/> to a later fetch, store, copy or move: the client may send it right
    /// behind this search, without waiting, and the server runs it on the saved result.
    /// </summary>
    /// <param name="query">The criteria.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server offers neither SEARCHRES nor IMAP4rev2, or a key needs a capability it does not offer.</exception>
    /// <exception cref="ImapCommandException">The server refused; <c>$</c> is then empty (RFC 5182 §2.1).</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public Task SearchAndSaveAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        SearchReturningAsync(query, SearchReturnOptions.Save, cancellationToken);

    /// <summary>
    /// SEARCH (RFC 9051 §6.4.4): the sequence numbers of the messages that match. Sequence numbers shift when messages
    /// are expunged; the command waits while an expunge may be under way (RFC 9051 §5.5), but the numbers are only
    /// good until the next one. Prefer <see cref="SearchAsync"/> for anything kept.
    /// </summary>
    /// <param name="query">The criteria.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">A key needs a capability the server does not offer; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public async Task<SequenceSet> SearchSequenceNumbersAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var needs = Prepare(query);
        var command = new SearchCommand(Selection, query, SearchReturnOptions.All, uid: false, SearchSyntax.HasESearch(client), needs);
        var result = await client.RunAsync(command, cancellationToken).ConfigureAwait(false);
        var all = result.All!;
        return all.IsEmpty
            ? SequenceSet.Empty
            : SequenceSet.FromRanges(all.Ranges.Select(static r => new SequenceRange(r.First!.Value.Value, r.Last!.Value.Value)));
    }

    /// <summary>
    /// UID SORT (RFC 5256 §3): the UIDs of the messages that match, in the order of the criteria (the first decides,
    /// the next break ties). Needs SORT; DISPLAYFROM and DISPLAYTO need SORT=DISPLAY (RFC 5957).
    /// </summary>
    /// <param name="criteria">One or more sort criteria, such as <c>[SortCriterion.Date.Reversed()]</c>.</param>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">No criterion was given.</exception>
    /// <exception cref="NotSupportedException">The server does not offer SORT (or SORT=DISPLAY, or a key's capability); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public Task<IReadOnlyList<Uid>> SortAsync(IReadOnlyList<SortCriterion> criteria, SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0)
        {
            throw new ArgumentException("SORT takes one or more criteria (RFC 5256 §3).", nameof(criteria));
        }

        var needs = Prepare(query);
        needs.Require("SORT", "SORT");
        foreach (var criterion in criteria)
        {
            _ = SortCriterion.Name(criterion.Key);
            if (criterion.Key is SortKey.DisplayFrom or SortKey.DisplayTo)
            {
                needs.Require("SORT=DISPLAY", SortCriterion.Name(criterion.Key));
            }
        }

        return client.RunAsync(new SortCommand(Selection, [.. criteria], query, needs), cancellationToken);
    }

    /// <summary>
    /// UID THREAD (RFC 5256 §3): the messages that match, grouped into threads, each a tree of UIDs. Needs
    /// <c>THREAD=</c> and the algorithm's name among the capabilities.
    /// </summary>
    /// <param name="algorithm">How to group messages.</param>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer the algorithm (or a key's capability); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public Task<IReadOnlyList<MessageThread>> ThreadAsync(ThreadAlgorithm algorithm, SearchQuery query, CancellationToken cancellationToken = default)
    {
        string capability = ThreadCommand.Capability(algorithm);
        var needs = Prepare(query);
        needs.Require(capability, "THREAD");
        return client.RunAsync(new ThreadCommand(Selection, algorithm, query, needs), cancellationToken);
    }

    private SearchNeeds Prepare(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureValid();
        var needs = new SearchNeeds(SearchSyntax.Offers(client));
        query.Collect(needs);
        return needs;
    }
}
