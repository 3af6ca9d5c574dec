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
    /// <param name="flags">Flags to set, e.g. <see cref="MessageFlag.Seen"/>; null or empty for none.</param>
    /// <param name="internalDate">The internal date to record, or null for "now".</param>
    /// <param name="cancellationToken">Cancels the append (see above).</param>
    /// <returns>The destination's UIDVALIDITY and the new UID, when the server reports them (UIDPLUS, RFC 4315).</returns>
    /// <exception cref="ArgumentException">The flags hold <see cref="MessageFlag.Recent"/>, which only the server sets.</exception>
    /// <exception cref="ImapCommandException">
    /// The server refused; <see cref="ImapCommandException.Code"/> is <see cref="ResponseCodeKind.TryCreate"/> when the
    /// mailbox does not exist (create it, then try again).
    /// </exception>
    public Task<AppendResult> AppendAsync(
        string mailbox,
        ReadOnlyMemory<byte> message,
        FlagSet? flags = null,
        DateTimeOffset? internalDate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        if (flags?.Contains(MessageFlag.Recent) == true)
        {
            throw new ArgumentException("\\Recent is set only by the server (RFC 3501 §2.3.2).", nameof(flags));
        }

        return connection.Dispatcher.RunAsync(new AppendCommand(mailbox, message, flags ?? FlagSet.Empty, internalDate), cancellationToken);
    }
}
