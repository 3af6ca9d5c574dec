using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Imap.Connection;

/// <summary>COMPRESS=DEFLATE (RFC 4978): both directions switch to raw DEFLATE right after the server's OK.</summary>
internal sealed partial class ImapConnection
{
    private bool compressionPending;

    public bool IsCompressed { get; private set; }

    /// <summary>
    /// Called on the reader loop when the COMPRESS command completed with OK: from the next byte on, output is
    /// compressed (no other command can have been written meanwhile: COMPRESS is a barrier), and the reader loop
    /// switches its input before it parses another byte.
    /// </summary>
    public void StartCompression()
    {
        output.Stream = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        compressionPending = true;
        IsCompressed = true;
    }

    /// <summary>
    /// Frees the output's deflate state (native zlib memory) once the connection is closed. Its final flush goes to a
    /// closed stream and fails, which is expected: nothing more is to be sent.
    /// </summary>
    private void ReleaseCompression()
    {
        if (output.Stream is DeflateStream deflate)
        {
            try
            {
                deflate.Dispose();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                // The transport is gone already.
            }
        }
    }

    /// <summary>
    /// Replaces the input with an inflating stream; <paramref name="rest"/> holds the bytes that were read after the
    /// OK and are already compressed.
    /// </summary>
    private async Task SwitchInputToDeflateAsync(ReadOnlySequence<byte> rest)
    {
        compressionPending = false;
        byte[] already = rest.ToArray();
        await input.CompleteAsync().ConfigureAwait(false);
        var inflating = new DeflateStream(new PrefixedStream(already, stream), CompressionMode.Decompress);
        input = PipeReader.Create(inflating, new StreamPipeReaderOptions(leaveOpen: false));
    }
}
