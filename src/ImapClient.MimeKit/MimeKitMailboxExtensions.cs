using MimeKit;

namespace Imap;

/// <summary>
/// Messages, headers and parts of the selected mailbox as MimeKit objects, parsed straight from the body stream
/// (<see cref="SelectedMailbox.OpenBodyAsync"/>): the bytes are never gathered into one array first; MimeKit keeps
/// what it parses in its own chunked storage.
/// </summary>
public static class MimeKitMailboxExtensions
{
    /// <summary>Fetches a whole message (<c>BODY.PEEK[]</c>, in partial fetches) and parses it as it arrives.</summary>
    /// <param name="mailbox">The selected mailbox.</param>
    /// <param name="uid">The message's UID.</param>
    /// <param name="parserOptions">MimeKit's parser options; null for <see cref="ParserOptions.Default"/>.</param>
    /// <param name="openOptions">Chunk size, chunks in flight, progress, and whether to set \Seen; null for the defaults (\Seen is not set).</param>
    /// <param name="cancellationToken">Cancels the fetch and the parse; the connection stays usable.</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="ImapCommandException">The server refused the fetch, or has no message with that UID.</exception>
    /// <exception cref="FormatException">MimeKit could not parse the message at all.</exception>
    public static async Task<MimeMessage> FetchMimeMessageAsync(this SelectedMailbox mailbox, Uid uid, ParserOptions? parserOptions = null, BodyOpenOptions? openOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        Stream body = await mailbox.OpenBodyAsync(uid, null, openOptions, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await MimeMessage.LoadAsync(parserOptions ?? ParserOptions.Default, body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches a message's header section only (<c>BODY.PEEK[HEADER]</c>) and parses it.</summary>
    /// <param name="mailbox">The selected mailbox.</param>
    /// <param name="uid">The message's UID.</param>
    /// <param name="parserOptions">MimeKit's parser options; null for <see cref="ParserOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch and the parse; the connection stays usable.</param>
    /// <returns>Every header field, in order, as the message has them.</returns>
    /// <exception cref="ImapCommandException">The server refused the fetch, or has no message with that UID.</exception>
    public static async Task<HeaderList> FetchHeadersAsync(this SelectedMailbox mailbox, Uid uid, ParserOptions? parserOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        Stream header = await mailbox.OpenBodyAsync(uid, BodySection.Header, null, cancellationToken).ConfigureAwait(false);
        await using (header.ConfigureAwait(false))
        {
            return await HeaderList.LoadAsync(parserOptions ?? ParserOptions.Default, header, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fetches one part of a multipart message, its MIME header (<c>BODY.PEEK[n.MIME]</c>) and its content
    /// (<c>BODY.PEEK[n]</c>), and parses them together as the <see cref="MimeEntity"/> they make: a
    /// <see cref="MimePart"/> (its content still transfer-encoded, decoded by <see cref="MimePart.Content"/>), a
    /// <see cref="Multipart"/>, or a <see cref="MessagePart"/> for an attached message.
    /// </summary>
    /// <param name="mailbox">The selected mailbox.</param>
    /// <param name="uid">The message's UID.</param>
    /// <param name="part">A part of the message's BODYSTRUCTURE (<see cref="MessageSummary.Body"/>), not the top-level multipart.</param>
    /// <param name="parserOptions">MimeKit's parser options; null for <see cref="ParserOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch and the parse; the connection stays usable.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="part"/> is the top-level multipart, which has no section of its own.</exception>
    /// <exception cref="ImapCommandException">The server refused the fetch.</exception>
    public static async Task<MimeEntity> FetchMimeEntityAsync(this SelectedMailbox mailbox, Uid uid, BodyPart part, ParserOptions? parserOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(part);
        BodySection content = BodySection.Part(part);

        // Both are requested before either is read: the two fetches are pipelined.
        Task<Stream> headerTask = mailbox.OpenBodyAsync(uid, BodySection.Mime(part), null, cancellationToken);
        Task<Stream> contentTask = mailbox.OpenBodyAsync(uid, content, null, cancellationToken);
        Stream? header = null;
        Stream? body = null;
        try
        {
            header = await headerTask.ConfigureAwait(false);
            body = await contentTask.ConfigureAwait(false);
            return await MimeEntity.LoadAsync(parserOptions ?? ParserOptions.Default, new ConcatenatedStream(header, body), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeQuietlyAsync(header ?? await Completed(headerTask).ConfigureAwait(false)).ConfigureAwait(false);
            await DisposeQuietlyAsync(body ?? await Completed(contentTask).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    /// <summary>The stream a task opened, or null when it failed or was cancelled (its error is the caller's already).</summary>
    private static async Task<Stream?> Completed(Task<Stream> opening)
    {
        try
        {
            return await opening.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImapException or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
