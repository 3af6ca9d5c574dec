using Imap.Commands;

namespace Imap;

/// <summary>IDLE.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// IDLE (RFC 2177): waits for the server to report changes to the selected mailbox; read them with
    /// <see cref="ReadEventsAsync"/>. IDLE is re-issued before the server's 30-minute inactivity timer, and it steps
    /// aside by itself when another command is issued on this client (that command runs, then IDLE resumes). On a
    /// server without IDLE, a NOOP is sent every <see cref="ImapClientOptions.IdlePollInterval"/> instead, which
    /// reports the same changes, later.
    /// </summary>
    /// <param name="cancellationToken">
    /// Ends the idle politely: DONE is sent and the server's OK awaited (or the poll stops), then
    /// <see cref="OperationCanceledException"/> is thrown. The connection stays usable.
    /// </param>
    public async Task IdleAsync(CancellationToken cancellationToken = default)
    {
        if (!Capabilities.Contains("IDLE"))
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var command = new IdleCommand(Options.IdleRestartInterval, cancellationToken);

            try
            {
                // The caller's token ends IDLE with DONE; it must not abandon the command mid-exchange.
                await RunAsync(command, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                command.Release();
            }
        }
    }

    /// <summary>The IDLE fallback: a NOOP at every poll interval, whose unsolicited answers become events.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var interval = Options.IdlePollInterval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : Options.IdlePollInterval;
        while (true)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            await NoopAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
