using Imap.Commands;

namespace Imap;

/// <summary>IDLE.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// IDLE (RFC 2177): waits for the server to report changes to the selected mailbox; read them with
    /// <see cref="ReadEventsAsync"/>. IDLE is re-issued before the server's 30-minute inactivity timer, and it steps
    /// aside by itself when another command is issued on this client (that command runs, then IDLE resumes).
    /// </summary>
    /// <param name="cancellationToken">
    /// Ends the idle politely: DONE is sent and the server's OK awaited, then <see cref="OperationCanceledException"/>
    /// is thrown. The connection stays usable.
    /// </param>
    /// <exception cref="NotSupportedException">The server does not offer IDLE.</exception>
    public async Task IdleAsync(CancellationToken cancellationToken = default)
    {
        if (!capabilities.Contains("IDLE"))
        {
            throw new NotSupportedException("The server does not support IDLE (RFC 2177).");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var reissue = new CancellationTokenSource(Options.IdleRestartInterval);
            var command = new IdleCommand(cancellationToken, reissue.Token);

            // The caller's token ends IDLE with DONE; it must not abandon the command mid-exchange.
            await connection.Dispatcher.RunAsync(command, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
