namespace Imap.Benchmarks;

/// <summary>A read-only stream of <c>length</c> bytes of generated message text (CRLF lines), made without allocating.</summary>
internal sealed class MessageSource(long length) : Stream
{
    private static readonly byte[] Line = "Line of a large generated message, sent by the upload benchmark....\r\n"u8.ToArray();
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - position);
        for (int i = 0; i < n;)
        {
            int at = (int)((position + i) % Line.Length);
            int take = Math.Min(Line.Length - at, n - i);
            Line.AsSpan(at, take).CopyTo(buffer[i..]);
            i += take;
        }

        position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
