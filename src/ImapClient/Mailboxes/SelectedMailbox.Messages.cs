using Imap.Commands;

namespace Imap;

/// <summary>STORE, COPY, MOVE and EXPUNGE.</summary>
public sealed partial class SelectedMailbox
{
    /// <summary>
    /// UID STORE (RFC 9051 §6.4.6, §6.4.9): changes the flags of these messages, silently unless
    /// <see cref="FlagChange.ReturnNewFlags"/>. With <see cref="FlagChange.UnchangedSince"/> (CONDSTORE), messages
    /// changed since are left alone and named in <see cref="StoreResult.Modified"/>.
    /// </summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="change">What to change.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">UNCHANGEDSINCE without CONDSTORE.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    /// <exception cref="ImapCommandException">The server refused (a read-only mailbox, for one).</exception>
    public Task<StoreResult> StoreAsync(UidSet uids, FlagChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        CheckStore(change);
        return client.RunAsync(new StoreCommand(Selection, uids, change), cancellationToken);
    }

    /// <summary>STORE by sequence number; see <see cref="StoreAsync(UidSet, FlagChange, CancellationToken)"/>.</summary>
    /// <param name="numbers">Which messages, by sequence number.</param>
    /// <param name="change">What to change.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<StoreResult> StoreBySequenceAsync(SequenceSet numbers, FlagChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        CheckStore(change);
        return client.RunAsync(new StoreCommand(Selection, numbers, change), cancellationToken);
    }

    /// <summary>Adds flags to these messages (UID STORE +FLAGS.SILENT).</summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="flags">The flags, e.g. <see cref="MessageFlag.Seen"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task AddFlagsAsync(UidSet uids, FlagSet flags, CancellationToken cancellationToken = default) =>
        StoreAsync(uids, FlagChange.Add(flags), cancellationToken);

    /// <summary>Removes flags from these messages (UID STORE -FLAGS.SILENT).</summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="flags">The flags.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task RemoveFlagsAsync(UidSet uids, FlagSet flags, CancellationToken cancellationToken = default) =>
        StoreAsync(uids, FlagChange.Remove(flags), cancellationToken);

    /// <summary>Replaces the flags of these messages (UID STORE FLAGS.SILENT).</summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="flags">The flags they will have; empty to clear them.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task SetFlagsAsync(UidSet uids, FlagSet flags, CancellationToken cancellationToken = default) =>
        StoreAsync(uids, FlagChange.Replace(flags), cancellationToken);

    /// <summary>
    /// UID COPY (RFC 9051 §6.4.7): copies the messages to another mailbox. The result maps each source UID to its new
    /// UID when the server reports them (UIDPLUS COPYUID; otherwise the map is empty).
    /// </summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="destination">The destination mailbox.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ImapCommandException">
    /// The server refused; <see cref="ImapCommandException.Code"/> is <see cref="ResponseCodeKind.TryCreate"/> when the
    /// destination does not exist.
    /// </exception>
    public Task<UidMap> CopyAsync(UidSet uids, string destination, CancellationToken cancellationToken = default)
    {
        CheckTransfer(uids, destination);
        return client.RunAsync(new CopyCommand(Selection, uids, destination, move: false), cancellationToken);
    }

    /// <summary>COPY by sequence number; see <see cref="CopyAsync(UidSet, string, CancellationToken)"/>.</summary>
    /// <param name="numbers">Which messages, by sequence number.</param>
    /// <param name="destination">The destination mailbox.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<UidMap> CopyBySequenceAsync(SequenceSet numbers, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        CheckTransfer(numbers.IsEmpty, destination);
        return client.RunAsync(new CopyCommand(Selection, numbers, destination, move: false), cancellationToken);
    }

    /// <summary>
    /// UID MOVE (RFC 6851): moves the messages to another mailbox; they leave this one (expunge events follow).
    /// Without MOVE, the same is done in steps: UID COPY, then UID STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE
    /// of exactly those UIDs (UIDPLUS). Nothing is marked or removed unless the copy succeeded.
    /// </summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="destination">The destination mailbox.</param>
    /// <param name="allowExpungingAllDeleted">
    /// For a server with neither MOVE nor UIDPLUS: allow the last step to be a plain EXPUNGE, which also removes every
    /// other message marked \Deleted in this mailbox (by anyone). Without it, such a server gets
    /// <see cref="NotSupportedException"/> and nothing is sent.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; a step not yet sent is not sent at all.</param>
    /// <returns>Source UID → destination UID, when the server reports them (COPYUID).</returns>
    /// <exception cref="NotSupportedException">Neither MOVE nor UIDPLUS, and no permission to expunge all \Deleted.</exception>
    /// <exception cref="ImapCommandException">A step was refused (TRYCREATE: the destination does not exist).</exception>
    public async Task<UidMap> MoveAsync(UidSet uids, string destination, bool allowExpungingAllDeleted = false, CancellationToken cancellationToken = default)
    {
        CheckTransfer(uids, destination);
        if (HasMove)
        {
            return await client.RunAsync(new CopyCommand(Selection, uids, destination, move: true), cancellationToken).ConfigureAwait(false);
        }

        bool uidPlus = client.Capabilities.Contains("UIDPLUS");
        if (!uidPlus && !allowExpungingAllDeleted)
        {
            throw new NotSupportedException(
                "The server offers neither MOVE (RFC 6851) nor UIDPLUS (RFC 4315): moving would end with a plain EXPUNGE, which also removes " +
                "every other message marked \\Deleted. Pass allowExpungingAllDeleted: true to accept that.");
        }

        var map = await client.RunAsync(new CopyCommand(Selection, uids, destination, move: false), cancellationToken).ConfigureAwait(false);
        var store = client.RunAsync(new StoreCommand(Selection, uids, FlagChange.Add(MessageFlag.Deleted)), cancellationToken);
        var expunge = client.RunAsync(new ExpungeCommand(Selection, uidPlus ? uids : null), cancellationToken);
        await Task.WhenAll(store, expunge).ConfigureAwait(false);
        return map;
    }

    /// <summary>
    /// MOVE by sequence number; see <see cref="MoveAsync(UidSet, string, bool, CancellationToken)"/>. Without MOVE, the
    /// messages' UIDs are fetched first and the UID steps follow.
    /// </summary>
    /// <param name="numbers">Which messages, by sequence number.</param>
    /// <param name="destination">The destination mailbox.</param>
    /// <param name="allowExpungingAllDeleted">As for the UID form.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<UidMap> MoveBySequenceAsync(SequenceSet numbers, string destination, bool allowExpungingAllDeleted = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        CheckTransfer(numbers.IsEmpty, destination);
        if (HasMove)
        {
            return await client.RunAsync(new CopyCommand(Selection, numbers, destination, move: true), cancellationToken).ConfigureAwait(false);
        }

        var uids = new List<Uid>();
        await foreach (var message in FetchBySequenceAsync(numbers, FetchItems.None, cancellationToken).ConfigureAwait(false))
        {
            uids.Add(message.Uid);
        }

        return uids.Count == 0 ? UidMap.Empty : await MoveAsync(UidSet.Create(uids), destination, allowExpungingAllDeleted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// EXPUNGE (RFC 9051 §6.4.3): permanently removes every message marked \Deleted; or, given UIDs, UID EXPUNGE
    /// (RFC 4315, IMAP4rev2): only those of them that are marked \Deleted, leaving other clients' \Deleted messages.
    /// </summary>
    /// <param name="uids">Null for every \Deleted message; otherwise the UIDs to consider.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <returns>What the server reported as removed.</returns>
    /// <exception cref="NotSupportedException">UIDs given, but the server offers neither UIDPLUS nor IMAP4rev2.</exception>
    public Task<ExpungeResult> ExpungeAsync(UidSet? uids = null, CancellationToken cancellationToken = default)
    {
        if (uids is not null)
        {
            if (uids.IsEmpty)
            {
                throw new ArgumentException("An empty set cannot be sent (RFC 9051 §9 sequence-set).", nameof(uids));
            }

            if (!client.Capabilities.Contains("UIDPLUS") && !client.Capabilities.Contains("IMAP4rev2"))
            {
                throw new NotSupportedException("UID EXPUNGE needs UIDPLUS (RFC 4315) or IMAP4rev2, which the server does not offer.");
            }
        }

        EnsureValid();
        return client.RunAsync(new ExpungeCommand(Selection, uids), cancellationToken);
    }

    private bool HasMove => client.Capabilities.Contains("MOVE") || client.Capabilities.Contains("IMAP4rev2");

    private void CheckStore(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.UnchangedSince is not null && !client.Capabilities.Contains("CONDSTORE"))
        {
            throw new NotSupportedException("UNCHANGEDSINCE needs CONDSTORE (RFC 7162), which the server does not offer.");
        }

        EnsureValid();
    }

    private void CheckTransfer(UidSet uids, string destination)
    {
        ArgumentNullException.ThrowIfNull(uids);
        CheckTransfer(uids.IsEmpty, destination);
    }

    private void CheckTransfer(bool emptySet, string destination)
    {
        MailboxNames.ValidateExisting(destination, nameof(destination));
        if (emptySet)
        {
            throw new ArgumentException("An empty set cannot be sent (RFC 9051 §9 sequence-set).");
        }

        EnsureValid();
    }
}
