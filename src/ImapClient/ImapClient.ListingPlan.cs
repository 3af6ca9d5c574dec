using Imap.Commands;

namespace Imap;

/// <summary>Running a listing plan: the commands it needs, pipelined, and the merge of their answers.</summary>
public sealed partial class ImapClient
{
    private async Task<IReadOnlyList<MailboxInfo>> RunListAsync(ListPlan plan, CancellationToken cancellationToken)
    {
        // All at once: the gate keeps one LIST and one LSUB in flight at a time (each an exclusive kind), and lets a
        // LIST run beside an LSUB. Interleaved, so that each LIST has its LSUB beside it.
        var listing = new List<Task<IReadOnlyList<MailboxInfo>>>(plan.Listing.Count);
        var subscriptions = new List<Task<IReadOnlyList<MailboxInfo>>>(plan.Subscriptions.Count);
        for (int i = 0; i < Math.Max(plan.Listing.Count, plan.Subscriptions.Count); i++)
        {
            if (i < plan.Listing.Count)
            {
                listing.Add(RunAsync(plan.Listing[i](), cancellationToken));
            }

            if (i < plan.Subscriptions.Count)
            {
                subscriptions.Add(RunAsync(plan.Subscriptions[i](), cancellationToken));
            }
        }

        // One wait for all, so that a failure of one leaves no other unobserved.
        await Task.WhenAll([.. listing, .. subscriptions]).ConfigureAwait(false);
        var lists = listing.Select(t => t.Result).ToArray();
        var subscribed = subscriptions.Select(t => t.Result);

        IReadOnlyList<MailboxInfo> merged = lists.Length == 1 ? lists[0] : Distinct(lists);
        if (plan.Subscriptions.Count != 0)
        {
            // Only names LSUB reports as subscribed: a parent it adds with \Noselect is not (RFC 3501 §6.3.9).
            var names = subscribed.SelectMany(s => s).Where(m => m.IsSubscribed).Select(m => KeyOf(m.Name)).ToHashSet(StringComparer.Ordinal);
            merged = [.. merged.Select(m => names.Contains(KeyOf(m.Name)) ? m.WithSubscribed() : m)];
        }

        if (plan.KeepSubscribedOnly)
        {
            merged = [.. merged.Where(m => m.IsSubscribed)];
        }

        if (plan.FilterSpecialUse)
        {
            merged = [.. merged.Where(m => m.SpecialUses != MailboxAttributes.None)];
        }

        if (plan.StatusFallback != StatusItems.None)
        {
            merged = await AddStatusAsync(merged, plan.StatusFallback, cancellationToken).ConfigureAwait(false);
        }

        return merged;
    }

    /// <summary>
    /// LIST-STATUS done by hand: one STATUS per selectable mailbox, all pipelined. As under LIST-STATUS (RFC 5819 §2), a
    /// mailbox the server refuses a status for (NO) just has none; a BAD (items the server does not know) fails the call.
    /// </summary>
    private async Task<IReadOnlyList<MailboxInfo>> AddStatusAsync(IReadOnlyList<MailboxInfo> mailboxes, StatusItems items, CancellationToken cancellationToken)
    {
        var statuses = new Task<MailboxStatus?>[mailboxes.Count];
        for (int i = 0; i < mailboxes.Count; i++)
        {
            statuses[i] = mailboxes[i].IsSelectable ? StatusOrNullAsync(mailboxes[i].Name) : Task.FromResult<MailboxStatus?>(null);
        }

        var results = await Task.WhenAll(statuses).ConfigureAwait(false);
        var withStatus = new MailboxInfo[mailboxes.Count];
        for (int i = 0; i < mailboxes.Count; i++)
        {
            withStatus[i] = results[i] is null ? mailboxes[i] : mailboxes[i].WithStatus(results[i]);
        }

        return withStatus;

        async Task<MailboxStatus?> StatusOrNullAsync(string name)
        {
            try
            {
                return await RunStatusAsync(name, items, cancellationToken).ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (e.Status == ImapStatus.No)
            {
                return null;
            }
        }
    }

    private static MailboxInfo[] Distinct(IEnumerable<IReadOnlyList<MailboxInfo>> lists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. lists.SelectMany(l => l).Where(m => seen.Add(KeyOf(m.Name)))];
    }

    private static string KeyOf(string name) => name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name;
}
