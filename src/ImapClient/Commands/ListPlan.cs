namespace Imap.Commands;

/// <summary>
/// How one listing request becomes commands on a given server: one extended LIST when LIST-EXTENDED is offered, else
/// LIST or LSUB per pattern, with LSUB beside LIST for the SUBSCRIBED return option, pipelined STATUS commands when
/// LIST-STATUS is missing, and the SPECIAL-USE selection done by the client when the server cannot.
/// </summary>
internal sealed class ListPlan
{
    private ListPlan()
    {
    }

    /// <summary>The LIST or LSUB commands whose answers make the listing, in order.</summary>
    public IReadOnlyList<Func<Dispatch.PendingCommand<IReadOnlyList<MailboxInfo>>>> Listing { get; private init; } = [];

    /// <summary>LSUB commands whose names mark the listing's mailboxes \Subscribed.</summary>
    public IReadOnlyList<Func<Dispatch.PendingCommand<IReadOnlyList<MailboxInfo>>>> Subscriptions { get; private init; } = [];

    /// <summary>
    /// Whether the listing is LSUB standing in for the SUBSCRIBED selection, so that the client keeps only subscribed
    /// names: the unsubscribed parents LSUB also reports are not part of <c>LIST (SUBSCRIBED)</c> without RECURSIVEMATCH
    /// (RFC 5258 §3), which this plan never emulates.
    /// </summary>
    public bool KeepSubscribedOnly { get; private init; }

    /// <summary>Whether the client keeps only the mailboxes with a special use.</summary>
    public bool FilterSpecialUse { get; private init; }

    /// <summary>STATUS items asked in the LIST itself (RFC 5819 LIST-STATUS).</summary>
    public StatusItems ListStatus { get; private init; }

    /// <summary>STATUS items to ask with one STATUS command per selectable mailbox.</summary>
    public StatusItems StatusFallback { get; private init; }

    /// <summary>Builds the plan.</summary>
    /// <param name="options">The validated request.</param>
    /// <param name="has">Whether the server advertises a capability.</param>
    /// <exception cref="NotSupportedException">RECURSIVEMATCH without LIST-EXTENDED.</exception>
    public static ListPlan Create(MailboxListOptions options, Func<string, bool> has)
    {
        bool imap4rev2 = has("IMAP4rev2");
        bool extended = imap4rev2 || has("LIST-EXTENDED");
        bool listStatus = imap4rev2 || has("LIST-STATUS");
        bool specialUse = has("SPECIAL-USE");
        var selection = options.Selection;
        var returns = options.Return;
        bool filter = false;

        if ((selection & ListSelectionOptions.SpecialUse) != 0 && !(specialUse && extended))
        {
            selection &= ~ListSelectionOptions.SpecialUse;
            filter = true;
        }

        if ((returns & ListReturnOptions.SpecialUse) != 0 && !(specialUse && extended))
        {
            returns &= ~ListReturnOptions.SpecialUse;
        }

        if (extended)
        {
            if ((selection & ListSelectionOptions.RecursiveMatch) != 0 && (selection & ListSelectionOptions.Subscribed) == 0
                && (selection & ListSelectionOptions.SpecialUse) == 0)
            {
                // Its partner, SPECIAL-USE, is done by the client: there is nothing left for it to modify (RFC 5258 §3).
                selection &= ~ListSelectionOptions.RecursiveMatch;
            }

            var status = listStatus ? options.Status : StatusItems.None;
            var reference = options.Reference;
            var patterns = options.Patterns;
            return new ListPlan
            {
                Listing = [() => new ListCommand(reference, patterns, selection, returns, status)],
                FilterSpecialUse = filter,
                ListStatus = status,
                StatusFallback = listStatus ? StatusItems.None : options.Status,
            };
        }

        if ((selection & ListSelectionOptions.RecursiveMatch) != 0)
        {
            throw new NotSupportedException("RECURSIVEMATCH needs LIST-EXTENDED (RFC 5258), which the server does not offer.");
        }

        bool subscribedOnly = (selection & ListSelectionOptions.Subscribed) != 0;
        bool markSubscribed = !subscribedOnly && (returns & ListReturnOptions.Subscribed) != 0;
        var listing = new List<Func<Dispatch.PendingCommand<IReadOnlyList<MailboxInfo>>>>();
        var subscriptions = new List<Func<Dispatch.PendingCommand<IReadOnlyList<MailboxInfo>>>>();
        foreach (string pattern in options.Patterns.Distinct(StringComparer.Ordinal))
        {
            string reference = options.Reference;
            listing.Add(subscribedOnly ? () => new LsubCommand(reference, pattern) : () => new ListCommand(reference, pattern));
            if (markSubscribed)
            {
                // "%" would make LSUB report unsubscribed parents of subscribed names as \Noselect (RFC 3501 §6.3.9);
                // "*" has no such case and finds every subscribed name the pattern can match.
                string wide = pattern.Replace('%', '*');
                subscriptions.Add(() => new LsubCommand(reference, wide));
            }
        }

        return new ListPlan
        {
            Listing = listing,
            Subscriptions = subscriptions,
            KeepSubscribedOnly = subscribedOnly,
            FilterSpecialUse = filter,
            StatusFallback = options.Status,
        };
    }
}
