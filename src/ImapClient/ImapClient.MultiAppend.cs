using Imap.Commands;

namespace Imap;

/// <summary>MULTIAPPEND (RFC 3502).</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// Adds several messages to a mailbox. When the server offers MULTIAPPEND (RFC 3502) this is one APPEND command,
    /// and atomic: the server stores all the messages or none. Messages read from streams are sent in 64 KiB pieces,
    /// in constant memory.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Without MULTIAPPEND the call throws <see cref="NotSupportedException"/> before anything is sent, unless
    /// <paramref name="allowSeparateAppends"/> is true: then the messages are appended one APPEND at a time, in order,
    /// which is <b>not atomic</b>: when one fails (or the call is cancelled), those before it stay stored.
    /// </para>
    /// <para>
    /// Every message is checked against the APPENDLIMIT known for the mailbox before anything is sent. Cancelling
    /// inside a message's data works as for <see cref="AppendFromStreamAsync"/>: filler finishes the literal, the
    /// command is made invalid, and the server stores none of the messages.
    /// </para>
    /// </remarks>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="messages">The messages, in the order they are to be stored; at least one.</param>
    /// <param name="allowSeparateAppends">Whether to fall back to one APPEND per message (not atomic) without MULTIAPPEND.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>
    /// The destination's UIDVALIDITY and the new UIDs in message order, when the server reports them (UIDPLUS,
    /// RFC 4315); for separate appends only when every one reported its UID under the same UIDVALIDITY.
    /// </returns>
    /// <exception cref="ArgumentException">No messages, a null message, or flags holding <c>\Recent</c>.</exception>
    /// <exception cref="NotSupportedException">The server does not offer MULTIAPPEND and separate appends were not allowed.</exception>
    /// <exception cref="ImapMessageTooLargeException">A message exceeds the mailbox's APPENDLIMIT (nothing was sent) or the server said <c>[TOOBIG]</c>.</exception>
    /// <exception cref="ImapCommandException">The server refused (TRYCREATE when the mailbox does not exist).</exception>
    public async Task<AppendResult> AppendManyAsync(
        string mailbox,
        IReadOnlyList<AppendMessage> messages,
        bool allowSeparateAppends = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("At least one message is needed.", nameof(messages));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            CheckFlags(message.Flags);
        }

        long? limit = CheckAppendLimit("APPEND", mailbox, messages.Max(m => m.Length));
        if (Capabilities.Contains("MULTIAPPEND"))
        {
            return await RunAsync(new MultiAppendCommand(mailbox, messages, limit), cancellationToken).ConfigureAwait(false);
        }

        if (!allowSeparateAppends)
        {
            throw new NotSupportedException("The server does not offer MULTIAPPEND (RFC 3502); pass allowSeparateAppends to append the messages one at a time (not atomic).");
        }

        var results = new List<AppendResult>(messages.Count);
        foreach (var message in messages)
        {
            results.Add(await RunAsync(
                new AppendCommand(mailbox, message.CreateUpload(), message.Flags ?? FlagSet.Empty, message.InternalDate, limit), cancellationToken).ConfigureAwait(false));
        }

        return Combine(results);
    }

    /// <summary>One result for separate appends: the UIDs when all were reported under one UIDVALIDITY.</summary>
    private static AppendResult Combine(List<AppendResult> results)
    {
        uint? validity = results[0].UidValidity;
        if (validity is null || results.Any(r => r.UidValidity != validity || r.Uid is null))
        {
            return new AppendResult(null, null);
        }

        return new AppendResult(validity, UidSet.Create(results.Select(r => r.Uid!.Value)));
    }
}
