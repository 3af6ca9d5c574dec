using Imap.Commands;

namespace Imap;

/// <summary>APPEND.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// APPEND (RFC 9051 §6.3.12): adds a message (RFC 5322 bytes) to a mailbox. Cancelling before the message is sent
    /// sends nothing; cancelling while a large message is being sent closes the connection, since half a literal
    /// cannot be taken back.
    /// </summary>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="message">The whole message, with CRLF line endings.</param>
    /// <param name="flags">Flags to set, e.g. "\Seen"; keywords must be atoms.</param>
    /// <param name="internalDate">The internal date to record, or null for "now".</param>
    /// <param name="cancellationToken">Cancels the append (see above).</param>
    /// <returns>The new message's UID when the server reports it (UIDPLUS, RFC 4315), otherwise null.</returns>
    /// <exception cref="ImapCommandException">The server refused, e.g. with TRYCREATE when the mailbox does not exist.</exception>
    public Task<Uid?> AppendAsync(
        string mailbox,
        ReadOnlyMemory<byte> message,
        IEnumerable<string>? flags = null,
        DateTimeOffset? internalDate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        string[] flagList = flags is null ? [] : [.. flags];
        return connection.Dispatcher.RunAsync(new AppendCommand(mailbox, message, flagList, internalDate), cancellationToken);
    }
}
