namespace Imap;

/// <summary>
/// A read-only stream that undoes a Content-Transfer-Encoding (RFC 2045 §6) as it reads another stream, a buffer at a
/// time: constant memory whatever the length. Subclasses decode one buffer, keeping whatever a sequence split across
/// buffers needs in their own state.
/// </summary>
internal abstract class TransferDecodingStream(Stream inner) : Stream
{
    private const int BufferSize = 16 * 1024;

    /// <summary>Room beyond the input's length that a decoder may write: bytes it held back from the buffer before.</summary>
    protected const int Carry = 1024;

    private readonly byte[] input = new byte[BufferSize];
    private readonly byte[] output = new byte[BufferSize + Carry];
    private int position;
    private int available;
    private bool ended;
    private long read;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The decoded length is known only at the end.");

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException("A decoded body cannot seek.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (position == available)
        {
            if (ended)
            {
                return 0;
            }

            int n = await inner.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            ended = n == 0;
            position = 0;
            available = Decode(input.AsSpan(0, n), output, final: ended);
        }

        int count = Math.Min(buffer.Length, available - position);
        output.AsSpan(position, count).CopyTo(buffer.Span);
        position += count;
        read += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous reads block on the asynchronous ones.</summary>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A decoded body cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A decoded body is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A decoded body is read-only.");

    /// <summary>
    /// Decodes <paramref name="encoded"/> into <paramref name="decoded"/> (which has <see cref="Carry"/> bytes more room
    /// than the input is long) and returns how many bytes were written. <paramref name="final"/> is set once, with an
    /// empty input, at the end of the encoded data.
    /// </summary>
    protected abstract int Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded, bool final);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
