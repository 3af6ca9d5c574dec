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
    /// The bytes are the section as stored, still transfer-encoded (base64, quoted-printable); see
    /// <see cref="OpenPartAsync"/> for decoded content. A section with a range (<see cref="BodySection.Slice"/>) reads
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
            (offset, length, first, ct) => client.RunAsync(new FetchBodyCommand(Selection, uid, whole.Slice(offset, length), markSeen && first), ct),
            section.PartialOffset ?? 0,
            section.PartialLength,
            options,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens one MIME part of a message as its decoded content: the bytes of an attachment or of a text, with the
    /// Content-Transfer-Encoding (RFC 2045 §6) undone, read in constant memory as <see cref="OpenBodyAsync"/> reads.
    /// </summary>
    /// <remarks>
    /// <para>
    /// When the server offers BINARY (RFC 3516), it decodes: the part is fetched as <c>BINARY.PEEK[part]</c> in
    /// partial ranges, NUL bytes included. Otherwise, or when the server cannot decode the part (a NO, such as
    /// <c>[UNKNOWN-CTE]</c>), the part is fetched as it is stored and decoded here from the encoding BODYSTRUCTURE
    /// reports in <see cref="SinglePart.Encoding"/>: base64 and quoted-printable are decoded; 7bit, 8bit and binary are
    /// passed through.
    /// </para>
    /// <para>
    /// Text comes out in its charset (the part's <c>charset</c> parameter); turning it into a string is the caller's
    /// business, with <see cref="System.Text.Encoding"/> or a MIME library.
    /// </para>
    /// </remarks>
    /// <param name="uid">The message.</param>
    /// <param name="part">A part from the message's <see cref="MessageSummary.Body"/> (fetch <see cref="FetchItems.BodyStructure"/>).</param>
    /// <param name="options">Chunk size, chunks in flight, \Seen and progress (in bytes as fetched); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait for the first chunk; reads take their own token.</param>
    /// <returns>The decoded content, once the first chunk has arrived. Dispose it.</returns>
    /// <exception cref="NotSupportedException">An encoding other than 7bit, 8bit, binary, base64 and quoted-printable, which the server does not decode.</exception>
    public async Task<Stream> OpenPartAsync(Uid uid, SinglePart part, BodyOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(part);
        EnsureValid();
        var section = BodySection.Part(part);
        options ??= BodyOpenOptions.Default;
        if (client.Capabilities.Contains("BINARY"))
        {
            bool markSeen = options.MarkSeen;
            try
            {
                return await BodyStream.OpenAsync(
                    (offset, length, first, ct) => client.RunAsync(new FetchBodyCommand(Selection, uid, section.Slice(offset, length), markSeen && first, binary: true), ct),
                    0,
                    null,
                    options,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (e.Status == ImapStatus.No)
            {
                // The server cannot decode this part (RFC 3516 §4.2 UNKNOWN-CTE): decode it here if we can.
            }
        }

        string encoding = part.Encoding.ToUpperInvariant();
        if (encoding is not ("BASE64" or "QUOTED-PRINTABLE" or "7BIT" or "8BIT" or "BINARY"))
        {
            throw new NotSupportedException($"Part {part.Section} is in the transfer encoding \"{part.Encoding}\", which cannot be decoded here (RFC 2045 §6).");
        }

        var raw = await OpenBodyAsync(uid, section, options, cancellationToken).ConfigureAwait(false);
        return encoding switch
        {
            "BASE64" => new Base64DecodingStream(raw),
            "QUOTED-PRINTABLE" => new QuotedPrintableDecodingStream(raw),
            _ => raw,
        };
    }
}
