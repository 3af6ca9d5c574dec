using Imap;

namespace Snippets;

/// <summary>The code of docs/timeouts-and-cancellation.md.</summary>
public static class TimeoutSnippets
{
    public static ImapClientOptions Options()
    {
        #region timeout-options
        var options = new ImapClientOptions
        {
            Host = "imap.example.com",
            ConnectTimeout = TimeSpan.FromSeconds(15),        // TCP connect and TLS handshake
            GreetingTimeout = TimeSpan.FromSeconds(15),       // the server's first line
            CommandTimeout = TimeSpan.FromMinutes(2),         // each command, counted only while it waits for the server
            ServerSilenceTimeout = TimeSpan.FromSeconds(45),  // no byte at all while a command waits: the link is dead
        };
        #endregion
        return options;
    }

    public static async Task CancelOneAsync(ImapClient client, SelectedMailbox inbox, CancellationToken cancellationToken)
    {
        #region cancel-one-command
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            UidSet found = await inbox.SearchAsync(SearchQuery.Body("invoice"), patience.Token);
            Console.WriteLine($"{found.Count} messages mention invoices");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the search was given up: its late answer is recognised and dropped when it comes.
            Console.WriteLine("the search took too long; the connection goes on");
        }

        await client.NoopAsync(cancellationToken);   // still connected, still selected
        #endregion
    }

    public static async Task CancelBodyAsync(SelectedMailbox inbox, Uid uid, CancellationToken cancellationToken)
    {
        #region cancel-body-stream
        // Read only the first 4 KiB of a large message: disposing the stream withdraws the chunks not yet requested
        // and drains those in flight; it never costs the rest of the body, and the connection stays usable.
        await using (Stream body = await inbox.OpenBodyAsync(uid, cancellationToken: cancellationToken))
        {
            var start = new byte[4096];
            int read = await body.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
            Console.WriteLine($"{read} bytes read");
        }
        #endregion
    }
}
