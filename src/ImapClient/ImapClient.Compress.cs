using Imap.Commands;

namespace Imap;

/// <summary>COMPRESS=DEFLATE.</summary>
public sealed partial class ImapClient
{
    /// <summary>Whether COMPRESS=DEFLATE is active on the connection.</summary>
    public bool IsCompressed => connection.IsCompressed;

    /// <summary>
    /// COMPRESS DEFLATE (RFC 4978): compresses everything in both directions from now on; worth it on slow links and
    /// for large mailboxes. Every limit in <see cref="ImapLimits"/> applies to the decompressed bytes, so a
    /// decompression bomb meets the same bounds as any other hostile input.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer COMPRESS=DEFLATE.</exception>
    /// <exception cref="InvalidOperationException">Compression is already active.</exception>
    public async Task CompressAsync(CancellationToken cancellationToken = default)
    {
        if (!Capabilities.Contains("COMPRESS=DEFLATE"))
        {
            throw new NotSupportedException("The server does not offer COMPRESS=DEFLATE (RFC 4978).");
        }

        if (connection.IsCompressed)
        {
            throw new InvalidOperationException("Compression is already active on this connection.");
        }

        await RunAsync(new CompressCommand(connection.StartCompression), cancellationToken).ConfigureAwait(false);
    }
}
