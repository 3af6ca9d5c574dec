namespace Imap.TestServer;

/// <summary>
/// A read-only stream of <c>length</c> bytes repeating <c>line</c> (CRLF text), made as it is read without allocating and
/// the same every time: a message of any size for upload tests and benchmarks, and a second one to compare against.
/// </summary>
public sealed class GeneratedMessageStream(long length, byte[] line) : Stream
{
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
            int at = (int)((position + i) % line.Length);
            int take = Math.Min(line.Length - at, n - i);
            line.AsSpan(at, take).CopyTo(buffer[i..]);
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
