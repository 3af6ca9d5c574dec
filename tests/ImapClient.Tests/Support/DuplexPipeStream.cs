using System.Buffers;
using System.IO.Pipelines;

namespace Imap.Tests.Support;

/// <summary>
/// One end of an in-memory, full-duplex connection made of two <see cref="Pipe"/>s, standing in for a socket: what
/// one end writes, the other reads, in order, possibly in smaller pieces than it was written.
/// </summary>
/// <remarks>
/// <para>Ending an end: <see cref="Complete"/> shuts down sending only (the other end's reads return 0 once it has
/// read everything, like <c>Socket.Shutdown(Send)</c>); <see cref="Stream.Dispose()"/> closes the end (the other
/// end reads 0 after the data, and its writes throw <see cref="IOException"/>); <see cref="Abort"/> drops the
/// connection (the other end's reads throw <see cref="IOException"/> at once, even with unread data, like a reset).</para>
/// <para>Writes never wait for the reader unless a buffer limit is given to <see cref="CreatePair"/>, so a scripted
/// server can send everything up front without a deadlock.</para>
/// </remarks>
internal sealed class DuplexPipeStream : Stream
{
    private readonly PipeReader input;
    private readonly PipeWriter output;
    private DuplexPipeStream peer = null!;
    private int outputCompleted;
    private volatile bool disposed;

    private DuplexPipeStream(PipeReader input, PipeWriter output)
    {
        this.input = input;
        this.output = output;
    }

    /// <summary>Creates the two connected ends.</summary>
    /// <param name="pauseWriterThreshold">
    /// Bytes a direction may hold unread before writes into it wait, as a socket's buffers would; 0 (the default) for
    /// no limit.
    /// </param>
    public static (DuplexPipeStream Client, DuplexPipeStream Server) CreatePair(long pauseWriterThreshold = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pauseWriterThreshold);
        var options = new PipeOptions(
            pauseWriterThreshold: pauseWriterThreshold,
            resumeWriterThreshold: pauseWriterThreshold / 2,
            useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        var client = new DuplexPipeStream(toClient.Reader, toServer.Writer);
        var server = new DuplexPipeStream(toServer.Reader, toClient.Writer);
        client.peer = server;
        server.peer = client;
        return (client, server);
    }

    public override bool CanRead => !disposed;

    public override bool CanWrite => !disposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Stops sending: the other end reads 0 after the data already written. Reading goes on.</summary>
    public void Complete() => CompleteOutput(null);

    /// <summary>Drops the connection: the other end's reads throw an <see cref="IOException"/> from now on.</summary>
    /// <param name="reason">Given to the other end as is when it is an <see cref="IOException"/>, else as the inner exception of one.</param>
    public void Abort(Exception? reason = null)
    {
        var error = reason as IOException ?? new IOException("The connection was dropped by the other end.", reason);
        CompleteOutput(error);
        Close();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (true)
        {
            // Throws the IOException the other end gave to Abort.
            ReadResult result = await input.ReadAsync(cancellationToken);
            if (result.IsCanceled)
            {
                // Only Dispose cancels a pending read.
                ObjectDisposedException.ThrowIf(disposed, this);
                continue;
            }

            ReadOnlySequence<byte> data = result.Buffer;
            if (buffer.IsEmpty)
            {
                // A zero-byte read waits for data without taking any (SslStream and StreamPipeReader use it).
                input.AdvanceTo(data.Start);
                return 0;
            }

            int count = (int)Math.Min(data.Length, buffer.Length);
            data.Slice(0, count).CopyTo(buffer.Span);
            input.AdvanceTo(data.GetPosition(count));
            if (count > 0 || result.IsCompleted)
            {
                return count;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Volatile.Read(ref outputCompleted) != 0)
        {
            throw new InvalidOperationException("This end has completed sending.");
        }

        if (peer.disposed)
        {
            throw new IOException("The other end closed the connection.");
        }

        if (buffer.IsEmpty)
        {
            return;
        }

        FlushResult result = await output.WriteAsync(buffer, cancellationToken);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Nothing to do: every write is visible to the other end when it returns.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            CompleteOutput(null);

            // The reader is left open, not completed: completing it under a read in progress is not allowed. A read
            // in progress ends with ObjectDisposedException; the other end's writes see the flag and throw.
            input.CancelPendingRead();
        }

        base.Dispose(disposing);
    }

    private void CompleteOutput(Exception? error)
    {
        if (Interlocked.Exchange(ref outputCompleted, 1) == 0)
        {
            output.Complete(error);
        }
    }
}
