using Imap.Commands;
using Imap.Protocol.Responses;

namespace Imap;

/// <summary>
/// The mailbox opened by <see cref="ImapClient.SelectAsync"/> or <see cref="ImapClient.ExamineAsync"/>, with the state
/// the server reported (RFC 9051 §6.3.2) kept current from unsolicited EXISTS, EXPUNGE, VANISHED and FLAGS. It becomes
/// invalid once another mailbox is selected or it is closed or unselected; using it then throws
/// <see cref="InvalidOperationException"/>. After a reconnect (<see cref="ImapClientOptions.Reconnect"/>) it is bound to
/// the same mailbox selected again, unless its UIDVALIDITY changed (then <see cref="UidValidityChangedException"/>).
/// </summary>
public sealed partial class SelectedMailbox
{
    private readonly ImapClient client;
    private readonly object sync = new();
    private uint count;
    private uint recent;
    private FlagSet flags;
    private ulong highestModSeq;

    internal SelectedMailbox(ImapClient client, SelectState state, bool isReadOnly)
    {
        this.client = client;
        Name = state.Name ?? string.Empty;
        Apply(state, isReadOnly);
        HighestModSeqOnSelect = HighestModSeq;
        VanishedOnSelect = state.Vanished;
        Selection = new MailboxSelection(Name, () => Count);
        ChangedOnSelect = state.Changed;
    }

    /// <summary>Takes the state a SELECT or EXAMINE reported (when opened, and again after a reconnect).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(flags), nameof(PermanentFlags))]
    private void Apply(SelectState state, bool isReadOnly)
    {
        count = state.Count;
        recent = state.Recent;
        flags = state.Flags;
        UidValidity = state.UidValidity;
        UidNext = state.UidNext;
        FirstUnseen = state.FirstUnseen;
        Interlocked.Exchange(ref highestModSeq, state.NoModSeq ? 0 : state.HighestModSeq ?? 0);
        PermanentFlags = state.PermanentFlags ?? state.Flags;
        AllowsNewKeywords = state.AllowsNewKeywords;
        IsReadOnly = isReadOnly;
    }

    /// <summary>
    /// With <see cref="SelectOptions.QResync"/>: the UIDs expunged since the saved state, as the server reported them
    /// while opening the mailbox (VANISHED (EARLIER), RFC 7162 §3.2.5.1); empty otherwise.
    /// </summary>
    public UidSet VanishedOnSelect { get; }

    /// <summary>
    /// With <see cref="SelectOptions.QResync"/>: the messages whose flags changed since the saved mod-sequence, with
    /// their flags and MODSEQ, as the server reported them while opening the mailbox; empty otherwise.
    /// </summary>
    public IReadOnlyList<MessageSummary> ChangedOnSelect { get; }

    /// <summary>The mailbox name.</summary>
    public string Name { get; }

    /// <summary>UIDVALIDITY: UIDs are stable while it stays the same (RFC 9051 §2.3.1.1).</summary>
    public uint? UidValidity { get; private set; }

    /// <summary>UIDNEXT as reported at selection (the latest one, after a reconnect).</summary>
    public uint? UidNext { get; private set; }

    /// <summary>The sequence number of the first unseen message (RFC 3501 UNSEEN code), if the server said.</summary>
    public uint? FirstUnseen { get; private set; }

    /// <summary>
    /// HIGHESTMODSEQ (RFC 7162): as SELECT reported it, then kept current from every HIGHESTMODSEQ response code and
    /// every MODSEQ in a FETCH response (the largest seen). Null with NOMODSEQ or without CONDSTORE. To save for a
    /// later resynchronisation, take it after the changes it covers were processed.
    /// </summary>
    public ulong? HighestModSeq
    {
        get
        {
            ulong value = Interlocked.Read(ref highestModSeq);
            return value == 0 ? null : value;
        }
    }

    /// <summary>
    /// PERMANENTFLAGS (RFC 9051 §7.1): the flags that can be stored permanently, without <c>\*</c> (see
    /// <see cref="AllowsNewKeywords"/>). When the server did not send the code, the mailbox's <see cref="Flags"/>.
    /// </summary>
    public FlagSet PermanentFlags { get; private set; }

    /// <summary>Whether new keywords may be created and stored permanently (PERMANENTFLAGS holds <c>\*</c>).</summary>
    public bool AllowsNewKeywords { get; private set; }

    /// <summary>Whether the mailbox is read-only (EXAMINE, or the server said READ-ONLY).</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>Whether this is still the selected mailbox.</summary>
    public bool IsValid => Selection.IsCurrent;

    /// <summary>This selection as the commands for it see it.</summary>
    internal MailboxSelection Selection { get; }

    /// <summary>The number of messages, kept current from EXISTS and EXPUNGE.</summary>
    public uint Count
    {
        get
        {
            lock (sync)
            {
                return count;
            }
        }
    }

    /// <summary>RECENT (IMAP4rev1 only).</summary>
    public uint Recent
    {
        get
        {
            lock (sync)
            {
                return recent;
            }
        }
    }

    /// <summary>The flags defined in the mailbox (FLAGS), kept current.</summary>
    public FlagSet Flags
    {
        get
        {
            lock (sync)
            {
                return flags;
            }
        }
    }

    /// <summary>
    /// CLOSE (RFC 9051 §6.4.1): permanently removes every message marked \Deleted (silently: no expunge events), unless
    /// the mailbox is read-only, and leaves the selected state. From the moment the command is sent this object is
    /// invalid and <see cref="ImapClient.Selected"/> is null; commands queued behind it for this mailbox fail with
    /// <see cref="InvalidOperationException"/> without being sent. To leave without removing anything, use
    /// <see cref="UnselectAsync"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    /// <exception cref="ImapCommandException">The server refused; the mailbox counts as left all the same.</exception>
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        EnsureValid();
        return client.RunAsync(new CloseCommand(Selection, () => client.Deselect(this)), cancellationToken);
    }

    /// <summary>
    /// UNSELECT (RFC 3691, RFC 9051 §6.4.2): leaves the selected state without removing any message. This object becomes
    /// invalid as for <see cref="CloseAsync"/>.
    /// </summary>
    /// <remarks>
    /// Without UNSELECT (neither UNSELECT nor IMAP4rev2 advertised): a read-only mailbox is left with CLOSE, which
    /// removes nothing from a read-only mailbox (RFC 3501 §6.4.2); a read-write mailbox is left with EXAMINE of a
    /// mailbox name that does not exist, whose failure leaves no mailbox selected and expunges nothing (RFC 3501
    /// §6.3.1, RFC 9051 §6.3.2). CLOSE is never used on a read-write mailbox here.
    /// </remarks>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    /// <exception cref="ImapCommandException">The server refused; the mailbox counts as left all the same.</exception>
    public Task UnselectAsync(CancellationToken cancellationToken = default)
    {
        EnsureValid();
        Action deselect = () => client.Deselect(this);
        if (client.Capabilities.Contains("UNSELECT") || client.Capabilities.Contains("IMAP4rev2"))
        {
            return client.RunAsync(new UnselectCommand(Selection, deselect), cancellationToken);
        }

        if (IsReadOnly)
        {
            return client.RunAsync(new CloseCommand(Selection, deselect), cancellationToken);
        }

        string probe = "ImapClient-unselect-" + Guid.NewGuid().ToString("N");
        return client.RunAsync(new UnselectByExamineCommand(Selection, deselect, probe), cancellationToken);
    }

    /// <summary>
    /// CHECK (RFC 3501 §6.4.1): asks the server for a checkpoint of the mailbox. IMAP4rev2 removed CHECK (RFC 9051
    /// Appendix E); on a server that speaks only IMAP4rev2, or once IMAP4rev2 is enabled, NOOP is sent instead.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        EnsureValid();
        var capabilities = client.Capabilities;
        bool imap4rev2Only = client.EnabledExtensions.Contains("IMAP4rev2")
            || (capabilities.Contains("IMAP4rev2") && !capabilities.Contains("IMAP4rev1"));
        return client.RunAsync(new CheckCommand(Selection, noop: imap4rev2Only), cancellationToken);
    }

    /// <summary>
    /// NOOP (RFC 9051 §6.1.2) for this mailbox: a round trip that lets the server report new messages, expunges and
    /// flag changes, which update this object and are raised as events.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public Task NoopAsync(CancellationToken cancellationToken = default)
    {
        EnsureValid();
        return client.RunReadOnlyAsync(static selection => new CheckCommand(selection, noop: true), Selection, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Count} messages, UIDVALIDITY {UidValidity})";

    /// <summary>HIGHESTMODSEQ as the SELECT reported it: every change up to it is in what the SELECT returned.</summary>
    internal ulong? HighestModSeqOnSelect { get; }

    internal void Invalidate() => Selection.End();

    /// <summary>Raises <see cref="HighestModSeq"/> to <paramref name="modSeq"/> when it is larger (and the mailbox has mod-sequences).</summary>
    internal void NoteModSeq(ulong modSeq)
    {
        ulong current = Interlocked.Read(ref highestModSeq);
        while (current != 0 && modSeq > current)
        {
            ulong seen = Interlocked.CompareExchange(ref highestModSeq, modSeq, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Applies unsolicited data; returns the event to publish, if any.</summary>
    internal MailboxEvent? Apply(ImapResponse response)
    {
        lock (sync)
        {
            switch (response)
            {
                case MessageNumberResponse { Kind: MessageNumberKind.Exists } exists:
                    count = exists.Number;
                    return new MessageCountChanged(exists.Number);
                case MessageNumberResponse { Kind: MessageNumberKind.Recent } r:
                    recent = r.Number;
                    return null;
                case MessageNumberResponse { Kind: MessageNumberKind.Expunge } expunge:
                    count = count > 0 ? count - 1 : 0;
                    return new MessageExpunged(expunge.Number);
                case VanishedResponse vanished:
                    if (!vanished.Earlier && vanished.Uids.IsBounded)
                    {
                        count = count > vanished.Uids.Count ? count - vanished.Uids.Count : 0;
                    }

                    return new MessagesVanished(vanished.Uids, vanished.Earlier);
                case FlagsResponse f:
                    flags = f.Flags;
                    return new MailboxFlagsChanged(f.Flags);
                case FetchResponse { Flags: { } changed } fetch:
                    return new MessageFlagsChanged(fetch.SequenceNumber, fetch.Uid is { } u ? new Uid(u) : null, changed, fetch.ModSeq);
                default:
                    return null;
            }
        }
    }

    private void EnsureValid()
    {
        if (Selection.CheckStillSelected() is { } error)
        {
            throw error;
        }
    }
}
