using Imap.Commands;

namespace Imap;

/// <summary>Running STATUS, alone or for a listing, around the items the server refuses although it offers them.</summary>
public sealed partial class ImapClient
{
    private readonly RefusedStatusItems refusedStatusItems = new();

    /// <summary>
    /// One STATUS without the items the server is known to refuse; a BAD to an item it may refuse (APPENDLIMIT on
    /// Cyrus) is answered by one retry without it, and a successful retry teaches the connection to leave it out.
    /// </summary>
    private async Task<MailboxStatus> RunStatusAsync(string mailbox, StatusItems items, CancellationToken cancellationToken)
    {
        var asked = refusedStatusItems.Filter(items);
        if (asked == StatusItems.None)
        {
            // Only refused items were asked for: nothing is known, and STATUS needs at least one item.
            return new MailboxStatus(mailbox);
        }

        try
        {
            var status = await RunReadOnlyAsync(static s => StatusCommand.Rent(s.mailbox, s.asked), (mailbox, asked), cancellationToken).ConfigureAwait(false);
            appendLimits.Remember(status);
            return status;
        }
        catch (ImapCommandException e) when (RefusedStatusItems.ToDropAfter(e, asked) != StatusItems.None)
        {
            var drop = RefusedStatusItems.ToDropAfter(e, asked);
            var status = await RunStatusAsync(mailbox, asked & ~drop, cancellationToken).ConfigureAwait(false);
            refusedStatusItems.Remember(drop);
            return status;
        }
    }

    /// <summary>
    /// A listing whose STATUS items leave out those the server is known to refuse; a BAD to the LIST when it asked for
    /// an item the server may refuse is answered by one retry without it, as for STATUS.
    /// </summary>
    private async Task<IReadOnlyList<MailboxInfo>> RunListAsync(MailboxListOptions options, CancellationToken cancellationToken)
    {
        var asked = refusedStatusItems.Filter(options.Status);
        var plan = ListPlan.Create(options with { Status = asked }, Capabilities.Contains);
        try
        {
            return RememberAppendLimits(await RunListAsync(plan, cancellationToken).ConfigureAwait(false));
        }
        catch (ImapCommandException e) when (e.Command == "LIST" && RefusedStatusItems.ToDropAfter(e, plan.ListStatus) != StatusItems.None)
        {
            var drop = RefusedStatusItems.ToDropAfter(e, plan.ListStatus);
            var retry = ListPlan.Create(options with { Status = asked & ~drop }, Capabilities.Contains);
            var mailboxes = RememberAppendLimits(await RunListAsync(retry, cancellationToken).ConfigureAwait(false));
            refusedStatusItems.Remember(drop);
            return mailboxes;
        }
    }

    private IReadOnlyList<MailboxInfo> RememberAppendLimits(IReadOnlyList<MailboxInfo> mailboxes)
    {
        foreach (var mailbox in mailboxes)
        {
            appendLimits.Remember(mailbox.Status);
        }

        return mailboxes;
    }
}
