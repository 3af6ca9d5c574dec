namespace Imap;

/// <summary>Mailbox synchronisation: one call that tells what changed since a saved state, on every server.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// Opens a mailbox and tells what changed since <paramref name="saved"/>: new messages, flag changes, vanished
    /// messages, and the state to save next (RFC 4549; RFC 7162 §3.1, §3.2, §6). The answer is the same whatever the
    /// server offers; only the cost differs: QRESYNC answers in the SELECT's round trip, CONDSTORE in one more (the
    /// changed flags and UID SEARCH ALL pipelined), plain IMAP in one more too but with the flags of every known
    /// message. A changed UIDVALIDITY says "start over" (<see cref="SyncResult.UidValidityChanged"/>).
    /// </summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="saved">What was saved last time (<see cref="SyncResult.NextState"/>), or null for a first sync.</param>
    /// <param name="strategy">How; <see cref="SyncStrategy.Automatic"/> takes the best the server offers.</param>
    /// <param name="readOnly">Open with EXAMINE instead of SELECT.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The changes, with the mailbox selected for fetching the new messages.</returns>
    /// <exception cref="ArgumentException">The saved state is of another mailbox.</exception>
    /// <exception cref="NotSupportedException">A strategy the server or the connection does not allow was forced.</exception>
    public async Task<SyncResult> SyncAsync(string mailbox, MailboxSyncState? saved, SyncStrategy strategy = SyncStrategy.Automatic, bool readOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        if (saved is not null && !SameName(saved.Mailbox, mailbox))
        {
            throw new ArgumentException($"The saved state is of '{saved.Mailbox}', not '{mailbox}'.", nameof(saved));
        }

        // Whether QRESYNC is enabled is known once the post-login ENABLE has been answered.
        await SessionSetup.WaitAsync(cancellationToken).ConfigureAwait(false);
        bool qresync = Capabilities.Contains("QRESYNC") && EnabledExtensions.Contains("QRESYNC");
        bool condStore = Capabilities.Contains("CONDSTORE") || qresync;
        var chosen = strategy switch
        {
            SyncStrategy.Automatic => qresync && saved?.HighestModSeq is not null ? SyncStrategy.QResync : condStore ? SyncStrategy.CondStore : SyncStrategy.Plain,
            SyncStrategy.QResync when !qresync => throw new NotSupportedException("QRESYNC is not offered, or not enabled on this connection (ImapClientOptions.EnableExtensions)."),
            SyncStrategy.CondStore when !condStore => throw new NotSupportedException("The server does not offer CONDSTORE (RFC 7162)."),
            _ => strategy,
        };

        if (chosen == SyncStrategy.QResync && saved?.HighestModSeq is { } savedModSeq)
        {
            var parameters = new QResyncParameters(saved.UidValidity, savedModSeq) { KnownUids = saved.KnownUids.IsEmpty ? null : saved.KnownUids };
            var box = await SelectAsync(mailbox, new SelectOptions { ReadOnly = readOnly, QResync = parameters }, cancellationToken).ConfigureAwait(false);
            if (box.UidValidity == saved.UidValidity)
            {
                return await FromQResyncAsync(box, saved, cancellationToken).ConfigureAwait(false);
            }

            return await StartOverAsync(box, saved, chosen, cancellationToken).ConfigureAwait(false);
        }

        var opened = await SelectAsync(mailbox, new SelectOptions { ReadOnly = readOnly, CondStore = chosen == SyncStrategy.CondStore }, cancellationToken).ConfigureAwait(false);
        if (saved is null || opened.UidValidity != saved.UidValidity)
        {
            return await StartOverAsync(opened, saved, chosen, cancellationToken).ConfigureAwait(false);
        }

        // A mailbox without mod-sequences (NOMODSEQ) or a state saved without them gets the plain comparison.
        bool byModSeq = chosen != SyncStrategy.Plain && opened.HighestModSeqOnSelect is not null && saved.HighestModSeq is not null;
        return await CompareAsync(opened, saved, byModSeq ? chosen : SyncStrategy.Plain, cancellationToken).ConfigureAwait(false);
    }

    private static bool SameName(string a, string b) =>
        a == b || (a.Equals("INBOX", StringComparison.OrdinalIgnoreCase) && b.Equals("INBOX", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What the QRESYNC SELECT reported: vanished and changed known messages. New messages come with FETCH only on some
    /// servers (known-uids may restrict the answer, RFC 7162 §3.2.5.1), so when the count says there are new ones, the
    /// UIDs above the highest known one are asked for: one more round trip, only then.
    /// </summary>
    private static async Task<SyncResult> FromQResyncAsync(SelectedMailbox box, MailboxSyncState saved, CancellationToken cancellationToken)
    {
        var known = saved.KnownUids;
        var vanished = UidSetAlgebra.Intersect(box.VanishedOnSelect, known);
        var flagChanges = box.ChangedOnSelect.Where(m => known.Contains(m.Uid) && !vanished.Contains(m.Uid)).ToList();
        var newUids = UidSet.Create(box.ChangedOnSelect.Where(m => !known.Contains(m.Uid)).Select(m => m.Uid));
        long stillKnown = (long)known.Count - vanished.Count;
        uint highest = known.IsEmpty ? 0 : known.Ranges[^1].Last!.Value.Value;
        if (box.Count > stillKnown + newUids.Count && highest < uint.MaxValue)
        {
            // n:* also names the largest UID when that is below n (RFC 9051 §9): known ones are taken out again.
            var above = await box.SearchAsync(SearchQuery.Uids(UidSet.From(new Uid(highest + 1))), cancellationToken).ConfigureAwait(false);
            newUids = newUids.Union(UidSetAlgebra.Except(above, known));
        }

        var next = new MailboxSyncState(saved.Mailbox, box.UidValidity!.Value, UidSetAlgebra.Except(known, vanished).Union(newUids), box.HighestModSeqOnSelect, box.UidNext);
        return new SyncResult(box, SyncStrategy.QResync, false, newUids, vanished, flagChanges, next);
    }

    private static async Task<SyncResult> CompareAsync(SelectedMailbox box, MailboxSyncState saved, SyncStrategy strategy, CancellationToken cancellationToken)
    {
        var known = saved.KnownUids;
        var search = box.SearchAsync(SearchQuery.All, cancellationToken);
        Task<IReadOnlyList<MessageSummary>>? changed = strategy == SyncStrategy.Plain || known.IsEmpty
            ? null
            : box.FetchListAsync(known, new FetchRequest(FetchItems.Flags) { ChangedSince = saved.HighestModSeq }, cancellationToken);
        var current = await search.ConfigureAwait(false);
        var vanished = UidSetAlgebra.Except(known, current);
        var newUids = UidSetAlgebra.Except(current, known);
        var stillKnown = UidSetAlgebra.Intersect(known, current);
        IReadOnlyList<MessageSummary> flagChanges;
        if (changed is not null)
        {
            flagChanges = (await changed.ConfigureAwait(false)).Where(m => stillKnown.Contains(m.Uid)).ToList();
        }
        else
        {
            flagChanges = stillKnown.IsEmpty ? [] : await box.FetchListAsync(stillKnown, FetchItems.Flags, cancellationToken).ConfigureAwait(false);
        }

        var next = new MailboxSyncState(saved.Mailbox, box.UidValidity!.Value, current, strategy == SyncStrategy.Plain ? null : box.HighestModSeqOnSelect, box.UidNext);
        return new SyncResult(box, strategy, false, newUids, vanished, flagChanges, next);
    }

    private static async Task<SyncResult> StartOverAsync(SelectedMailbox box, MailboxSyncState? saved, SyncStrategy strategy, CancellationToken cancellationToken)
    {
        var current = await box.SearchAsync(SearchQuery.All, cancellationToken).ConfigureAwait(false);
        uint validity = box.UidValidity ?? throw new ImapProtocolException($"The server did not report the UIDVALIDITY of '{box.Name}' (RFC 9051 §6.3.2): it cannot be synchronised.");
        var next = new MailboxSyncState(saved?.Mailbox ?? box.Name, validity, current, box.HighestModSeqOnSelect, box.UidNext);
        return new SyncResult(box, strategy, true, current, saved?.KnownUids ?? UidSet.Empty, [], next);
    }
}
