using Imap.Commands;

namespace Imap;

/// <summary>Message bodies and parts as streams.</summary>
public sealed partial class SelectedMailbox
{
    /// <summary>
    /// Opens the message with this UID, or one section of it, as a read-only stream in constant memory whatever its
    /// size (RFC 9051 §6.4.5: <c>UID FETCH uid BODY.PEEK[section]&lt;offset.length&gt;</c> in pipelined chunks).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The section is read in chunks of <see cref="BodyOpenOptions.ChunkSize"/> (1 MiB), a few at a time, each taken
    /// in whole by the connection's reader: a stream read slowly or left unread delays no other command, at a cost of
    /// (<see cref="BodyOpenOptions.ChunksInFlight"/> + 1) chunks of memory. Many streams may be open at once; their
    /// chunks are pipelined with everything else on the connection. Disposing the stream early withdraws the chunks
    /// not sent and drains the ones in flight in the background; the connection stays usable.
    /// </para>
    /// <para>
    /// The bytes are the section as stored, still transfer-encoded (base64, quoted-printable); decoding is
    /// the caller's for now. A section with a range (<see cref="BodySection.Slice"/>) reads
    /// exactly that range. \Seen is not set unless <see cref="BodyOpenOptions.MarkSeen"/> asks.
    /// </para>
    /// <para>
    /// A read fails with <see cref="ImapConnectionException"/> (or another <see cref="ImapException"/>) when the
    /// connection fails before the body was read to its end; every later read fails the same way.
    /// </para>
    /// </remarks>
    /// <param name="uid">The message.</param>
    /// <param name="section">Which part; null for the whole message (<see cref="BodySection.Full"/>).</param>
    /// <param name="options">Chunk size, chunks in flight, \Seen and progress; null for <see cref="BodyOpenOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the first chunk; reads take their own token.</param>
    /// <returns>The stream, once the first chunk has arrived. Dispose it.</returns>
    /// <exception cref="ImapProtocolException">The server has no such message, or sent more than it was asked.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public async Task<Stream> OpenBodyAsync(Uid uid, BodySection? section = null, BodyOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureValid();
        section ??= BodySection.Full;
        options ??= BodyOpenOptions.Default;
        var whole = section.WithoutRange();
        bool markSeen = options.MarkSeen;
        return await BodyStream.OpenAsync(
            (offset, length, first, ct) => client.RunAsync(new FetchBodyCommand(this, uid, whole.Slice(offset, length), markSeen && first), ct),
            section.PartialOffset ?? 0,
            section.PartialLength,
            options,
            cancellationToken).ConfigureAwait(false);
    }
}
