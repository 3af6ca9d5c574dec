using Imap;

namespace Snippets;

/// <summary>The code of docs/reconnect.md.</summary>
public static class ReconnectSnippets
{
    public static ImapClientOptions Options()
    {
        #region reconnect-options
        var options = new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.Password("alice", "secret"),   // required: the client logs in again by itself
            EnableExtensions = ["IMAP4rev2", "UTF8=ACCEPT", "QRESYNC"],    // QRESYNC: come back knowing what changed
            Reconnect = new ReconnectPolicy
            {
                MaxAttempts = 20,
                FirstDelay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromMinutes(2),
                ShouldRetry = (attempt, error) => ReconnectPolicy.IsTransient(error),
            },
        };
        #endregion
        return options;
    }

    public static async Task WatchAsync(ImapClient client, CancellationToken stop)
    {
        #region reconnect-events
        await foreach (MailboxEvent change in client.ReadEventsAsync(stop))
        {
            switch (change)
            {
                case ConnectionLost lost: Console.WriteLine($"link lost ({lost.Reason}); reconnecting"); break;
                case MessagesVanished gone: Console.WriteLine($"expunged while away or now: {gone.Uids}"); break;
                case MessageFlagsChanged flags: Console.WriteLine($"{flags.Uid} now {flags.Flags}"); break;
                case ResyncRequired resync: Console.WriteLine($"{resync.Mailbox}: changes unknown, run SyncAsync"); break;
                case Reconnected back: Console.WriteLine($"back after {back.Attempts} attempt(s)"); break;
                case ReconnectFailed failed: Console.WriteLine($"gave up: {failed.LastError.Message}"); break;
            }
        }
        #endregion
    }
}
