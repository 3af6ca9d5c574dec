namespace Imap.MimeKit.Tests;

/// <summary>
/// Seekable content that, from its second reading on (the bridge writes a message twice: to measure, then to send),
/// stops giving bytes past <paramref name="gateAt"/> until the reader's token is cancelled: a producer caught mid-message.
/// </summary>
internal sealed class GatedStream(byte[] data, int gateAt) : Stream
{
    private int position;
    private int passes;

    /// <summary>Set when a read reached the gate on a later pass and waits there.</summary>
    public TaskCompletionSource ReachedGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => data.Length + offset,
        };
        if (target == 0)
        {
            passes++;
        }

        position = (int)Math.Clamp(target, 0, data.Length);
        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (passes > 1 && position >= gateAt)
        {
            ReachedGate.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (passes > 1 && position >= gateAt)
        {
            throw new InvalidOperationException("The gate is for asynchronous reads only.");
        }

        int n = Math.Min(buffer.Length, Math.Min(data.Length, passes > 1 ? Math.Max(gateAt, position) : data.Length) - position);
        data.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
