using System.Text;
using Imap.Commands;
using Imap.Protocol;

namespace Imap;

/// <summary>Listing, status and selection of mailboxes.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// LIST (RFC 9051 §6.3.9): the mailboxes matching a pattern ("*" for all, "%" for one level).
    /// </summary>
    /// <param name="pattern">The pattern, relative to <paramref name="reference"/>.</param>
    /// <param name="reference">The reference name (usually empty).</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<IReadOnlyList<MailboxInfo>> ListMailboxesAsync(string pattern = "*", string reference = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(reference);
        return connection.Dispatcher.RunAsync(new ListCommand(reference, pattern), cancellationToken);
    }

    /// <summary>
    /// STATUS (RFC 9051 §6.3.11): counts and identifiers of a mailbox without selecting it. Many STATUS calls at
    /// once are pipelined; each answer is matched to its call by mailbox name.
    /// </summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="items">What to ask for.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    public Task<MailboxStatus> GetStatusAsync(string mailbox, StatusItems items = StatusItems.Messages | StatusItems.Unseen | StatusItems.UidNext | StatusItems.UidValidity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        if (items == StatusItems.None)
        {
            throw new ArgumentException("Ask for at least one item.", nameof(items));
        }

        return connection.Dispatcher.RunAsync(new StatusCommand(mailbox, items, EncodeMailboxName), cancellationToken);
    }

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

    /// <summary>The bytes a mailbox name has on the wire (and in the server's answers) on this connection.</summary>
    private byte[] EncodeMailboxName(string name) =>
        name.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX"u8.ToArray()
        : connection.Parser.Utf8Enabled ? Encoding.UTF8.GetBytes(name)
        : Encoding.ASCII.GetBytes(ModifiedUtf7.Encode(name));

    private async Task<SelectedMailbox> OpenAsync(string mailbox, bool readOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);

        // Selecting closes the current mailbox whatever the outcome (RFC 9051 §6.3.2), so the old object becomes
        // invalid exactly when the command goes on the wire; a SELECT cancelled before that changes nothing.
        var command = new SelectCommand(
            mailbox,
            readOnly,
            onSending: () =>
            {
                Interlocked.Exchange(ref selected, null)?.Invalidate();
            },
            open: (state, isReadOnly) =>
            {
                var opened = new SelectedMailbox(this, state, isReadOnly);
                Interlocked.Exchange(ref selected, opened)?.Invalidate();
                return opened;
            });
        return await connection.Dispatcher.RunAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
