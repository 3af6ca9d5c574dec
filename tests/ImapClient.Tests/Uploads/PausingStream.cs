namespace Imap.Tests.Uploads;

/// <summary>
/// Gives its data up to <c>gate</c>, then waits until the read is cancelled; not seekable, like a pipe. With the gate at
/// the end it is simply a non-seekable stream.
/// </summary>
internal sealed class PausingStream(byte[] data, int gate) : Stream
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    public PausingStream(byte[] data)
        : this(data, data.Length)
    {
    }

    public Task Reached => reached.Task;

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Reads++;
        if (position == gate && gate < data.Length)
        {
            reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        int n = Math.Min(buffer.Length, gate - position);
        data.AsSpan(position, n).CopyTo(buffer.Span);
        position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
