using Imap;

namespace Snippets;

/// <summary>The code of docs/errors.md.</summary>
public static class ErrorSnippets
{
    public static async Task TryCreateAsync(ImapClient client, SelectedMailbox inbox, UidSet uids, CancellationToken cancellationToken)
    {
        #region errors-trycreate
        try
        {
            await inbox.MoveAsync(uids, "Archive/2026", cancellationToken: cancellationToken);
        }
        catch (ImapCommandException e) when (e.Code?.Kind == ResponseCodeKind.TryCreate)
        {
            // Only the MOVE failed; the connection and the selected mailbox are as they were.
            await client.CreateMailboxAsync("Archive/2026", cancellationToken: cancellationToken);
            await inbox.MoveAsync(uids, "Archive/2026", cancellationToken: cancellationToken);
        }
        #endregion
    }

    public static async Task<UidSet> RetryAsync(ImapClientOptions options, CancellationToken cancellationToken)
    {
        #region errors-retry
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var client = await ImapClient.ConnectAsync(options, cancellationToken);
                var inbox = await client.SelectAsync("INBOX", cancellationToken: cancellationToken);
                return await inbox.SearchAsync(SearchQuery.Unseen, cancellationToken);
            }
            catch (ImapException e) when (e.IsTransient && attempt < 4)
            {
                // A dropped connection, a timeout, or NO [UNAVAILABLE] / [INUSE] / [LIMIT]: wait, then start over on a
                // new connection (a connection that failed is closed for good; check ImapClient.IsConnected).
                Console.Error.WriteLine($"attempt {attempt}: {e.GetType().Name}: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(attempt * 5), cancellationToken);
            }
        }
        #endregion
    }

    public static async Task<IReadOnlyList<MessageSummary>> LimitAsync(SelectedMailbox inbox, UidSet uids, CancellationToken cancellationToken)
    {
        #region errors-limit
        try
        {
            return await inbox.FetchListAsync(uids, FetchItems.Envelope, cancellationToken);
        }
        catch (ImapLimitExceededException e)
        {
            // An envelope over the limit (a 20 MB subject ...) was thrown away unread, so the list would have been
            // incomplete; the connection is in sync and usable. Fetch fewer items, or connect with a larger limit:
            // Limits = new ImapLimits { MaxLiteralSize = 64L * 1024 * 1024 }.
            Console.Error.WriteLine($"{e.LimitName} ({e.Limit:N0}) exceeded: {e.Message}");
            return [];
        }
        #endregion
    }
}
