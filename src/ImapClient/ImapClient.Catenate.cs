using Imap.Commands;

namespace Imap;

/// <summary>CATENATE (RFC 4469).</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// APPEND with CATENATE (RFC 4469): stores a new message that the server builds by joining the parts in order: text
    /// sent with the command and the content of messages or sections it already holds (<see cref="CatenatePart.Message"/>),
    /// so that, for example, a forwarded attachment need not be downloaded and sent again.
    /// </summary>
    /// <remarks>
    /// Cancelling inside a text part's data works as for <see cref="AppendFromStreamAsync"/>: filler finishes the
    /// literal, the command is made invalid, and the server stores nothing. The known APPENDLIMIT is checked against
    /// the text parts' total before anything is sent; the URL parts' sizes are known only to the server, which may
    /// still answer <c>[TOOBIG]</c>.
    /// </remarks>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="parts">The parts, in order; at least one.</param>
    /// <param name="options">Flags, internal date (progress is not reported for catenated messages); null for none.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>The destination's UIDVALIDITY and the new UID, when the server reports them (UIDPLUS, RFC 4315).</returns>
    /// <exception cref="ArgumentException">No parts, a null part, or flags holding <c>\Recent</c>.</exception>
    /// <exception cref="NotSupportedException">The server does not offer CATENATE (nothing was sent).</exception>
    /// <exception cref="ImapMessageTooLargeException">
    /// The text parts alone exceed the mailbox's APPENDLIMIT (nothing was sent), or the server said <c>[TOOBIG]</c>.
    /// </exception>
    /// <exception cref="ImapCommandException">
    /// The server refused: <see cref="ResponseCodeKind.BadUrl"/> in <see cref="ImapCommandException.Code"/> when a URL
    /// names nothing it can read (a wrong UIDVALIDITY, an expunged message, a section that does not exist), TRYCREATE
    /// when the mailbox does not exist.
    /// </exception>
    public Task<AppendResult> AppendCatenatedAsync(
        string mailbox,
        IReadOnlyList<CatenatePart> parts,
        AppendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("At least one part is needed.", nameof(parts));
        }

        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
        }

        CheckFlags(options?.Flags);
        RequireCapability("CATENATE", "RFC 4469");
        var limit = CheckAppendLimit("APPEND", mailbox, parts.Sum(p => p.Length));
        var command = new CatenateCommand(mailbox, parts, options?.Flags ?? FlagSet.Empty, options?.InternalDate, limit);
        return RunAsync(command, cancellationToken);
    }
}
