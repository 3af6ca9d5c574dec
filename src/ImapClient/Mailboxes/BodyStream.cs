using System.Runtime.ExceptionServices;

namespace Imap;

/// <summary>
/// A read-only stream over a section fetched in pipelined partial ranges (docs/design.md, decisions 5 and 7): a few chunks
/// are asked for ahead of the reader, each taken in whole by the connection's reader loop, so memory stays at
/// (chunks in flight + 1) × chunk size whatever the body's length and a slow reader holds up nobody.
/// </summary>
/// <remarks>
/// The first chunk goes alone (most bodies fit in it, and asking for more would waste round trips); once it comes
/// back full, the rest are asked for <see cref="BodyOpenOptions.ChunksInFlight"/> at a time. A chunk shorter than
/// asked is the end. Disposing withdraws the chunks not yet sent and abandons those on the wire, which the dispatcher
/// drains. A failed chunk (the connection lost, the mailbox deselected) fails every later read with its exception.
/// Not safe for concurrent reads, as streams in general are not.
/// </remarks>
internal sealed class BodyStream : Stream
{
    private readonly ChunkFetch fetch;
    private readonly CancellationTokenSource stop = new();
    private readonly Queue<(Task<byte[]> Data, int Asked)> ahead = new();
    private readonly int chunkSize;
    private readonly int depth;
    private readonly long? end;
    private readonly IProgress<long>? progress;
    private long nextOffset;
    private bool noMore;
    private bool requestedAny;
    private byte[] current = [];
    private int position;
    private long received;
    private long read;
    private ExceptionDispatchInfo? fault;
    private bool disposed;

    private BodyStream(ChunkFetch fetch, long start, long? length, BodyOpenOptions options)
    {
        this.fetch = fetch;
        chunkSize = options.ChunkSize;
        depth = options.ChunksInFlight;
        progress = options.Progress;
        nextOffset = start;
        end = start + length;
    }

    public override bool CanRead => !disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A streamed body's length is known only at its end.");

    /// <summary>How many bytes were read so far; it cannot be set.</summary>
    public override long Position
    {
        get => read;
        set => throw new NotSupportedException("A streamed body cannot seek.");
    }

    /// <summary>Asks for the first chunk and waits for it, so that a missing message fails here rather than at the first read.</summary>
    public static async Task<BodyStream> OpenAsync(ChunkFetch fetch, long start, long? length, BodyOpenOptions options, CancellationToken cancellationToken)
    {
        var stream = new BodyStream(fetch, start, length, options);
        try
        {
            stream.Request(1);
            await stream.TakeNextAsync(cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        fault?.Throw();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (position == current.Length)
        {
            if (!await TakeNextAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }

        int n = Math.Min(buffer.Length, current.Length - position);
        current.AsSpan(position, n).CopyTo(buffer.Span);
        position += n;
        read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous reads block on the asynchronous ones; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A streamed body cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A streamed body is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A streamed body is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            StopAhead();
            stop.Dispose();
            current = [];
        }

        base.Dispose(disposing);
    }

    /// <summary>Makes the next chunk current; false at the end of the section.</summary>
    private async ValueTask<bool> TakeNextAsync(CancellationToken cancellationToken)
    {
        if (!ahead.TryPeek(out var next))
        {
            return false;
        }

        byte[] data;
        try
        {
            // A cancelled read leaves the chunk in place: the stream can still be read (or disposed) afterwards.
            data = await next.Data.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ahead.Dequeue();
            fault = ExceptionDispatchInfo.Capture(e);
            StopAhead();
            throw;
        }

        ahead.Dequeue();
        received += data.Length;
        progress?.Report(received);
        current = data;
        position = 0;
        if (data.Length < next.Asked)
        {
            // The end of the section: whatever was asked for beyond it comes back empty and is not waited for.
            noMore = true;
            StopAhead();
        }
        else
        {
            Request(depth);
        }

        return true;
    }

    /// <summary>Asks for chunks until <paramref name="count"/> are in flight or the known end is covered.</summary>
    private void Request(int count)
    {
        while (!noMore && ahead.Count < count)
        {
            long length = end is { } last ? Math.Min(chunkSize, last - nextOffset) : chunkSize;
            if (length <= 0)
            {
                noMore = true;
                break;
            }

            var data = fetch(nextOffset, (int)length, first: !requestedAny, stop.Token);
            requestedAny = true;
            ahead.Enqueue((data, (int)length));
            nextOffset += length;
        }
    }

    private void StopAhead()
    {
        noMore = true;
        if (ahead.Count == 0)
        {
            return;
        }

        stop.Cancel();
        while (ahead.TryDequeue(out var pending))
        {
            // Withdrawn or abandoned: the outcome is observed so that it is never reported as unobserved.
            _ = pending.Data.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
