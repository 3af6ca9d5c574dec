using Imap.Commands;

namespace Imap;

/// <summary>Running STATUS, alone or for a listing, around the items the server refuses although it offers them.</summary>
public sealed partial class ImapClient
{
    private readonly RefusedStatusItems refusedStatusItems = new();

    /// <summary>
    /// One STATUS without the items the server is known to refuse; a BAD to an item it may refuse (APPENDLIMIT on
    /// Cyrus) is answered by one retry without it, and a successful retry teaches the connection to leave it out. A
    /// STATUS without such an item cannot be retried: its caller gets the command's own task, with no async method
    /// around it (the command remembers an APPENDLIMIT in its answer itself).
    /// </summary>
    private Task<MailboxStatus> RunStatusAsync(string mailbox, StatusItems items, CancellationToken cancellationToken)
    {
        var asked = refusedStatusItems.Filter(items);
        if (asked == StatusItems.None)
        {
            // Only refused items were asked for: nothing is known, and STATUS needs at least one item.
            return Task.FromResult(new MailboxStatus(mailbox));
        }

        var run = RunReadOnlyAsync(
            static s => StatusCommand.Rent(s.mailbox, s.asked, s.appendLimits), (mailbox, asked, appendLimits), cancellationToken);
        return (asked & RefusedStatusItems.Retriable) == 0 ? run : RetryWithoutRefusedAsync(run, mailbox, asked, cancellationToken);
    }

    private async Task<MailboxStatus> RetryWithoutRefusedAsync(Task<MailboxStatus> run, string mailbox, StatusItems asked, CancellationToken cancellationToken)
    {
        try
        {
            return await run.ConfigureAwait(false);
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
