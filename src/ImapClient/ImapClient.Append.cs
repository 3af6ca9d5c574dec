using Imap.Commands;
using Imap.Dispatch;

namespace Imap;

/// <summary>APPEND.</summary>
public sealed partial class ImapClient
{
    private readonly AppendLimits appendLimits = new();
    /// <summary>
    /// APPEND (RFC 9051 §6.3.12): adds a message (RFC 5322 bytes) to a mailbox. Cancelling before the message is sent
    /// sends nothing; cancelling while it is being sent releases the caller at once, and the library finishes the
    /// literal with filler and makes the server refuse the command, so that nothing is stored and the connection
    /// stays usable (see <see cref="AppendFromStreamAsync"/>).
    /// </summary>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="message">The whole message, with CRLF line endings.</param>
    /// <param name="flags">Flags to set, e.g. <see cref="MessageFlag.Seen"/>; null or empty for none.</param>
    /// <param name="internalDate">The internal date to record, or null for "now".</param>
    /// <param name="cancellationToken">Cancels the append (see above).</param>
    /// <returns>The destination's UIDVALIDITY and the new UID, when the server reports them (UIDPLUS, RFC 4315).</returns>
    /// <exception cref="ArgumentException">
    /// The flags hold <see cref="MessageFlag.Recent"/>, which only the server sets, or the message holds NUL, which a
    /// literal cannot carry (RFC 9051 §9 CHAR8).
    /// </exception>
    /// <exception cref="ImapMessageTooLargeException">
    /// The message exceeds the server's APPENDLIMIT (RFC 7889) for the mailbox, as announced in its capabilities or
    /// the mailbox's last STATUS or LIST-STATUS (nothing was sent), or the server refused it with <c>[TOOBIG]</c>.
    /// </exception>
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
        CheckFlags(flags);
        if (message.Span.Contains((byte)0))
        {
            throw new ArgumentException("A literal cannot hold NUL (RFC 9051 §9 CHAR8).", nameof(message));
        }

        var limit = CheckAppendLimit("APPEND", mailbox, message.Length);
        return RunAsync(new AppendCommand(mailbox, new Upload.FromMemory(message), flags ?? FlagSet.Empty, internalDate, limit), cancellationToken);
    }

    /// <summary>
    /// APPEND (RFC 9051 §6.3.12) of a message read from a stream as it is sent: exactly <paramref name="length"/> bytes,
    /// in 64 KiB pieces, so a message of any size costs constant memory.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Cancelling before the literal starts sends nothing. Cancelling inside it throws
    /// <see cref="OperationCanceledException"/> at once; the library then stops reading <paramref name="content"/>,
    /// finishes the literal with filler bytes (a literal cannot be cut short) and ends the command with an argument
    /// the grammar forbids, so that the server answers BAD and stores nothing. That answer is discarded and the
    /// connection serves the next command; other commands wait meanwhile, for as long as the filler takes. Only a
    /// failed write to the connection closes it.
    /// </para>
    /// <para>
    /// The same happens, with the cause thrown instead, when <paramref name="content"/> fails, ends before
    /// <paramref name="length"/> bytes, or holds NUL (which a literal cannot carry, RFC 9051 §9 CHAR8).
    /// </para>
    /// </remarks>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="content">The message, with CRLF line endings, positioned at its first byte; it is not disposed.</param>
    /// <param name="length">Exactly how many bytes to send from <paramref name="content"/>.</param>
    /// <param name="options">Flags, internal date and progress; null for none.</param>
    /// <param name="cancellationToken">Cancels the append (see above).</param>
    /// <returns>The destination's UIDVALIDITY and the new UID, when the server reports them (UIDPLUS, RFC 4315).</returns>
    /// <exception cref="ArgumentException">
    /// The flags hold <see cref="MessageFlag.Recent"/>; or (after sending began) the content ended early or holds NUL.
    /// </exception>
    /// <exception cref="ImapMessageTooLargeException">
    /// <paramref name="length"/> exceeds the APPENDLIMIT known for the mailbox (nothing was sent), or the server
    /// refused the message with <c>[TOOBIG]</c>.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused (TRYCREATE when the mailbox does not exist).</exception>
    public Task<AppendResult> AppendFromStreamAsync(
        string mailbox,
        Stream content,
        long length,
        AppendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        CheckFlags(options?.Flags);
        var limit = CheckAppendLimit("APPEND", mailbox, length);
        var upload = new Upload.FromStream(content, length) { Progress = options?.Progress };
        return RunAsync(new AppendCommand(mailbox, upload, options?.Flags ?? FlagSet.Empty, options?.InternalDate, limit), cancellationToken);
    }

    /// <summary>
    /// APPEND of a message of unknown length (a non-seekable stream): the content is first copied to a temporary file
    /// (<see cref="BufferedMessage"/>, in constant memory, deleted afterwards), then appended from there with its exact
    /// length as by <see cref="AppendFromStreamAsync"/>.
    /// </summary>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="content">The message, with CRLF line endings; read to its end, not disposed.</param>
    /// <param name="maxLength">The most bytes to accept from <paramref name="content"/>.</param>
    /// <param name="options">Flags, internal date and progress; null for none.</param>
    /// <param name="cancellationToken">Cancels the copy or the append.</param>
    /// <returns>The destination's UIDVALIDITY and the new UID, when the server reports them (UIDPLUS, RFC 4315).</returns>
    /// <exception cref="ArgumentException">The content is longer than <paramref name="maxLength"/> (nothing was sent), or as for <see cref="AppendFromStreamAsync"/>.</exception>
    /// <exception cref="ImapMessageTooLargeException">The content exceeds the mailbox's APPENDLIMIT (nothing was sent) or the server said <c>[TOOBIG]</c>.</exception>
    /// <exception cref="ImapCommandException">The server refused (TRYCREATE when the mailbox does not exist).</exception>
    public async Task<AppendResult> AppendBufferedAsync(
        string mailbox,
        Stream content,
        long maxLength,
        AppendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(content);
        CheckFlags(options?.Flags);
        await using var buffered = await BufferedMessage.CreateAsync(content, maxLength, cancellationToken).ConfigureAwait(false);
        return await AppendFromStreamAsync(mailbox, buffered.Content, buffered.Length, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Throws <see cref="ImapMessageTooLargeException"/> before anything is sent when <paramref name="size"/> exceeds the
    /// APPENDLIMIT known for <paramref name="mailbox"/> (RFC 7889); returns that limit, or null.
    /// </summary>
    private long? CheckAppendLimit(string command, string mailbox, long size)
    {
        appendLimits.Check(command, mailbox, size, Capabilities);
        return appendLimits.For(mailbox, Capabilities);
    }

    private static void CheckFlags(FlagSet? flags)
    {
        if (flags?.Contains(MessageFlag.Recent) == true)
        {
            throw new ArgumentException("\\Recent is set only by the server (RFC 3501 §2.3.2).", nameof(flags));
        }
    }
}
