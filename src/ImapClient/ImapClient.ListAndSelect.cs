using Imap.Commands;

namespace Imap;

/// <summary>Listing, status and selection of mailboxes.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// LIST (RFC 9051 §6.3.9; RFC 5258 LIST-EXTENDED, RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE): the mailboxes
    /// matching the patterns ("*" for all, the default; "%" for one level), with selection options, return options and
    /// STATUS data when asked for. Without options this is a plain <c>LIST "" "*"</c>. What the server does not offer
    /// is done another way: LSUB for subscriptions, one pipelined STATUS per selectable mailbox for STATUS data, the
    /// client's own filter for the SPECIAL-USE selection; the CHILDREN and SPECIAL-USE return options are left out
    /// (many servers send that data anyway).
    /// </summary>
    /// <param name="options">What to list and what to report; null for every mailbox.</param>
    /// <param name="cancellationToken">Cancels the wait; commands not yet sent are not sent at all.</param>
    /// <returns>The mailboxes in the server's order; with several patterns, each mailbox once.</returns>
    /// <exception cref="ArgumentException">
    /// No pattern, a pattern or reference with NUL or an unpaired surrogate, or RECURSIVEMATCH without SUBSCRIBED or
    /// SPECIAL-USE (RFC 5258 §3).
    /// </exception>
    /// <exception cref="NotSupportedException">RECURSIVEMATCH on a server without LIST-EXTENDED.</exception>
    /// <exception cref="ImapCommandException">The server refused the LIST or LSUB.</exception>
    /// <remarks>
    /// Without LIST-EXTENDED, a subscribed listing is LSUB, whose answers are marked \Subscribed; the unsubscribed
    /// parents of subscribed names that LSUB also reports with \Noselect (RFC 3501 §6.3.9) are left out, as
    /// <c>LIST (SUBSCRIBED)</c> without RECURSIVEMATCH would leave them out.
    /// </remarks>
    public Task<IReadOnlyList<MailboxInfo>> ListMailboxesAsync(MailboxListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MailboxListOptions();
        MailboxNames.ValidatePattern(options.Reference, nameof(options));
        if (options.Patterns is null || options.Patterns.Count == 0)
        {
            throw new ArgumentException("Give at least one pattern.", nameof(options));
        }

        foreach (string pattern in options.Patterns)
        {
            MailboxNames.ValidatePattern(pattern, nameof(options));
        }

        if ((options.Selection & ListSelectionOptions.RecursiveMatch) != 0
            && (options.Selection & (ListSelectionOptions.Subscribed | ListSelectionOptions.SpecialUse)) == 0)
        {
            throw new ArgumentException("RECURSIVEMATCH modifies another selection option: add Subscribed or SpecialUse (RFC 5258 §3).", nameof(options));
        }

        if ((options.Status & ~ListStatusItems.Known) != 0)
        {
            throw new ArgumentException("Unknown STATUS items.", nameof(options));
        }

        // Built once here so that what the server cannot do fails before anything is sent.
        _ = ListPlan.Create(options, Capabilities.Contains);
        return RunListAsync(options, cancellationToken);
    }

    /// <summary>
    /// The subscribed names matching a pattern: LSUB (RFC 3501 §6.3.9), or <c>LIST (SUBSCRIBED)</c> on an IMAP4rev2
    /// server without IMAP4rev1, which has no LSUB. Every subscribed name is marked \Subscribed. LSUB may also report a
    /// parent of subscribed names that is not subscribed itself, flagged \Noselect (RFC 3501 §6.3.9; with "%", and
    /// Courier for INBOX always): it comes back not subscribed, without \Noselect (which here says nothing about
    /// selecting it), and with <see cref="MailboxInfo.ChildInfo"/> "SUBSCRIBED" (RFC 5258 §3.5).
    /// </summary>
    /// <param name="pattern">The pattern, relative to <paramref name="reference"/>.</param>
    /// <param name="reference">The reference name (usually empty).</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">The pattern or reference holds NUL or an unpaired surrogate.</exception>
    public Task<IReadOnlyList<MailboxInfo>> ListSubscribedMailboxesAsync(string pattern = "*", string reference = "", CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidatePattern(pattern, nameof(pattern));
        MailboxNames.ValidatePattern(reference, nameof(reference));
        if (Capabilities.Contains("IMAP4rev2") && !Capabilities.Contains("IMAP4rev1"))
        {
            return ListMailboxesAsync(new MailboxListOptions(pattern) { Reference = reference, Selection = ListSelectionOptions.Subscribed }, cancellationToken);
        }

        return RunAsync(new LsubCommand(reference, pattern), cancellationToken);
    }

    /// <summary>
    /// The special-use mailboxes (RFC 6154): Sent, Drafts, Trash, Junk, Archive, All, Flagged, Important. Uses
    /// <c>LIST (SPECIAL-USE) "" "*" RETURN (SPECIAL-USE)</c> when the server offers SPECIAL-USE and LIST-EXTENDED, else
    /// lists every mailbox and keeps those with a special-use attribute (matched ignoring case).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public async Task<SpecialMailboxes> FindSpecialMailboxesAsync(CancellationToken cancellationToken = default)
    {
        var found = await ListMailboxesAsync(
            new MailboxListOptions { Selection = ListSelectionOptions.SpecialUse, Return = ListReturnOptions.SpecialUse },
            cancellationToken).ConfigureAwait(false);
        return new SpecialMailboxes(found);
    }

    /// <summary>
    /// STATUS (RFC 9051 §6.3.11): counts and identifiers of a mailbox without selecting it. Many STATUS calls at
    /// once are pipelined; each answer is matched to its call by mailbox name. A server that answers BAD to APPENDLIMIT
    /// although it advertises it (Cyrus) is asked again without it, and for the rest of the connection APPENDLIMIT is
    /// left out and reported as null.
    /// </summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="items">What to ask for.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<MailboxStatus> GetStatusAsync(string mailbox, StatusItems items = StatusItems.Messages | StatusItems.Unseen | StatusItems.UidNext | StatusItems.UidValidity, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));
        if (items == StatusItems.None)
        {
            throw new ArgumentException("Ask for at least one item.", nameof(items));
        }

        return RunStatusAsync(mailbox, items, cancellationToken);
    }

    /// <summary>
    /// SELECT (RFC 9051 §6.3.2): opens a mailbox read-write. Every command before it completes first; every command
    /// after it waits for it. The previously selected mailbox's object becomes invalid.
    /// </summary>
    /// <param name="mailbox">The mailbox name ("INBOX" in any case is the inbox).</param>
    /// <param name="options">Read-only, CONDSTORE, QRESYNC; null for a plain read-write SELECT.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">A bad name, or QRESYNC parameters that do not fit together.</exception>
    /// <exception cref="NotSupportedException">CONDSTORE or QRESYNC asked of a server that does not offer it.</exception>
    /// <exception cref="InvalidOperationException">QRESYNC asked before it was enabled on the connection.</exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. with NONEXISTENT.</exception>
    public Task<SelectedMailbox> SelectAsync(string mailbox, SelectOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= Plain;
        if (options.QResync is not null && !SessionSetup.IsCompleted)
        {
            // Whether QRESYNC is enabled is known once the post-login ENABLE has been answered.
            return SelectAfterSessionSetupAsync(mailbox, options, cancellationToken);
        }

        if (options.QResync is { } qresync)
        {
            qresync.Validate(nameof(options));
            if (!Capabilities.Contains("QRESYNC"))
            {
                throw new NotSupportedException("The server does not offer QRESYNC (RFC 7162).");
            }

            if (!EnabledExtensions.Contains("QRESYNC"))
            {
                throw new InvalidOperationException("QRESYNC must be enabled first: add \"QRESYNC\" to ImapClientOptions.EnableExtensions (RFC 7162 §3.2.3).");
            }
        }
        else if (options.CondStore && !Capabilities.Contains("CONDSTORE"))
        {
            throw new NotSupportedException("The server does not offer CONDSTORE (RFC 7162).");
        }

        return OpenAsync(mailbox, options, cancellationToken);
    }

    /// <summary>EXAMINE (RFC 9051 §6.3.3): opens a mailbox read-only; nothing in it changes, \Seen included.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<SelectedMailbox> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync(mailbox, ReadOnly, cancellationToken);

    private async Task<SelectedMailbox> SelectAfterSessionSetupAsync(string mailbox, SelectOptions options, CancellationToken cancellationToken)
    {
        await SessionSetup.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await SelectAsync(mailbox, options, cancellationToken).ConfigureAwait(false);
    }

    private static readonly SelectOptions Plain = new();
    private static readonly SelectOptions ReadOnly = new() { ReadOnly = true };

    private async Task<SelectedMailbox> OpenAsync(string mailbox, SelectOptions options, CancellationToken cancellationToken)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));

        // Selecting closes the current mailbox whatever the outcome (RFC 9051 §6.3.2), so the old object becomes
        // invalid exactly when the command goes on the wire; a SELECT cancelled before that changes nothing.
        var command = new SelectCommand<SelectedMailbox>(
            mailbox,
            options,
            onSending: () =>
            {
                Interlocked.Exchange(ref selected, null)?.Invalidate();
            },
            open: (state, isReadOnly) =>
            {
                var opened = new SelectedMailbox(this, state, isReadOnly) { OpenedWith = options };
                Interlocked.Exchange(ref selected, opened)?.Invalidate();
                return opened;
            });
        return await RunAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
