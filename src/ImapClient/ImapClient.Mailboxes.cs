using Imap.Commands;

namespace Imap;

/// <summary>Selecting a mailbox.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// SELECT (RFC 9051 §6.3.2): opens a mailbox read-write. Every command before it completes first; every command
    /// after it waits for it. The previously selected mailbox's object becomes invalid.
    /// </summary>
    /// <param name="mailbox">The mailbox name ("INBOX" in any case is the inbox).</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ImapCommandException">The server refused, e.g. with NONEXISTENT.</exception>
    public Task<SelectedMailbox> SelectAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync(mailbox, readOnly: false, cancellationToken);

    /// <summary>EXAMINE (RFC 9051 §6.3.3): opens a mailbox read-only; nothing in it changes, \Seen included.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<SelectedMailbox> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync(mailbox, readOnly: true, cancellationToken);

    private async Task<SelectedMailbox> OpenAsync(string mailbox, bool readOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);

        // Selecting closes the current mailbox whatever the outcome (RFC 9051 §6.3.2), so the old object is invalid
        // from the moment the command is sent.
        var command = new SelectCommand(mailbox, readOnly, (state, isReadOnly) =>
        {
            var opened = new SelectedMailbox(this, state, isReadOnly);
            selected = opened;
            return opened;
        });
        selected?.Invalidate();
        selected = null;
        return await connection.Dispatcher.RunAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
