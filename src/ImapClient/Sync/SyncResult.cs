namespace Imap;

/// <summary>
/// What changed in a mailbox since a saved <see cref="MailboxSyncState"/>, and the state to save next. The same answer
/// whatever the strategy, except that <see cref="SyncStrategy.Plain"/> cannot tell which flags changed and reports the
/// flags of every known message.
/// </summary>
public sealed class SyncResult
{
    internal SyncResult(SelectedMailbox mailbox, SyncStrategy strategy, bool uidValidityChanged, UidSet newUids, UidSet vanished, IReadOnlyList<MessageSummary> flagChanges, MailboxSyncState next)
    {
        Mailbox = mailbox;
        Strategy = strategy;
        UidValidityChanged = uidValidityChanged;
        NewUids = newUids;
        Vanished = vanished;
        FlagChanges = flagChanges;
        NextState = next;
    }

    /// <summary>The mailbox, now selected: fetch the new messages from it with the items you need.</summary>
    public SelectedMailbox Mailbox { get; }

    /// <summary>The strategy used.</summary>
    public SyncStrategy Strategy { get; }

    /// <summary>
    /// UIDVALIDITY changed (or there was no saved state): every UID saved before is void. Start over: drop the local
    /// copy and take <see cref="NewUids"/> (every message now in the mailbox) as new.
    /// </summary>
    public bool UidValidityChanged { get; }

    /// <summary>UIDs of messages that are new since the saved state (all of them when starting over).</summary>
    public UidSet NewUids { get; }

    /// <summary>Saved UIDs whose messages are gone.</summary>
    public UidSet Vanished { get; }

    /// <summary>Flags (and MODSEQ, with CONDSTORE or QRESYNC) of saved messages whose flags changed.</summary>
    public IReadOnlyList<MessageSummary> FlagChanges { get; }

    /// <summary>The state to save once the changes above are applied locally.</summary>
    public MailboxSyncState NextState { get; }

    /// <summary>The new messages, fetched with the caller's items and streamed.</summary>
    /// <param name="request">What to fetch.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public IAsyncEnumerable<MessageSummary> FetchNewAsync(FetchRequest request, CancellationToken cancellationToken = default) =>
        Mailbox.FetchAsync(NewUids, request, cancellationToken);
}
