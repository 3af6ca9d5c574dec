using System.Text;

namespace Imap.Fuzz;

/// <summary>
/// The client's end of a connection whose server is a script: the fuzzer's bytes, cut at
/// <see cref="FuzzInput.SegmentMark"/> into segments. The first segment (the greeting) is readable at once; each
/// further segment becomes readable when the client has written one more line (a command, a literal's end, DONE),
/// as a server answers what it was sent. <see cref="FuzzInput.ReadMark"/> cuts a segment into separate reads.
/// </summary>
/// <remarks>
/// A client that waits for an answer the script does not hold would wait forever; the session target sees that
/// state (<see cref="IsStalled"/>: a read waits and may take nothing) and calls <see cref="Force"/>, which releases
/// the next segment unasked, or ends the stream when none is left. Writes are taken whole and never wait.
/// </remarks>
public sealed class ScriptedServerStream : Stream
{
    private const int MaxKeptOutput = 4096;

    private readonly object gate = new();
    private readonly List<List<byte[]>> segments;
    private readonly Queue<byte[]> ready = new();
    private readonly StringBuilder written = new();
    private ReadOnlyMemory<byte> current;
    private int released;
    private int allowed = 1;
    private byte lastWritten;
    private bool ended;
    private bool disposed;
    private bool readWaiting;
    private TaskCompletionSource changed = NewSignal();
    private TaskCompletionSource stalled = NewSignal();

    public ScriptedServerStream(ReadOnlySpan<byte> script)
    {
        segments = [.. FuzzInput.Split(script, FuzzInput.SegmentMark).Select(static s => FuzzInput.Split(s, FuzzInput.ReadMark))];
    }

    /// <summary>How many segments the script has.</summary>
    public int SegmentCount => segments.Count;

    /// <summary>How many segments have been released to the client so far.</summary>
    public int Released
    {
        get
        {
            lock (gate)
            {
                return released;
            }
        }
    }

    /// <summary>The start of what the client wrote (Latin-1), for the message of a finding.</summary>
    public string Written
    {
        get
        {
            lock (gate)
            {
                return written.ToString();
            }
        }
    }

    /// <summary>Whether a read is waiting and nothing may be given to it until the client writes another line.</summary>
    public bool IsStalled
    {
        get
        {
            lock (gate)
            {
                return readWaiting && !HasReadable();
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Completes when a read waits with nothing it may take (at once when one does now).</summary>
    public Task WhenStalledAsync()
    {
        lock (gate)
        {
            return readWaiting && !HasReadable() ? Task.CompletedTask : stalled.Task;
        }
    }

    /// <summary>Releases the next segment although the client has not asked for it; with none left, ends the stream.</summary>
    public void Force()
    {
        lock (gate)
        {
            if (released < segments.Count)
            {
                allowed = Math.Max(allowed, released + 1);
            }
            else
            {
                ended = true;
            }

            Signal();
        }
    }

    /// <summary>Ends the stream: reads return 0 once everything released is read, as after the server closed.</summary>
    public void End()
    {
        lock (gate)
        {
            ended = true;
            Signal();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                cancellationToken.ThrowIfCancellationRequested();
                if (TryTake(buffer.Span, out int count))
                {
                    return count;
                }

                if (ended)
                {
                    return 0;
                }

                readWaiting = true;
                wait = changed.Task;
                var signal = stalled;
                stalled = NewSignal();
                signal.SetResult();
            }

            try
            {
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (gate)
                {
                    readWaiting = false;
                }
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            int lines = 0;
            foreach (byte b in buffer)
            {
                if (b == (byte)'\n' && lastWritten == (byte)'\r')
                {
                    lines++;
                }

                lastWritten = b;
            }

            if (written.Length < MaxKeptOutput)
            {
                written.Append(Encoding.Latin1.GetString(buffer[..Math.Min(buffer.Length, MaxKeptOutput - written.Length)]));
            }

            if (lines > 0)
            {
                allowed += lines;
                Signal();
            }
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (gate)
            {
                // A read waiting now wakes and throws ObjectDisposedException, as a closed socket's would.
                disposed = true;
                Signal();
            }
        }

        base.Dispose(disposing);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool HasReadable() => ended || disposed || !current.IsEmpty || ready.Count > 0 || released < Math.Min(allowed, segments.Count);

    private bool TryTake(Span<byte> buffer, out int count)
    {
        while (current.IsEmpty)
        {
            if (ready.Count > 0)
            {
                current = ready.Dequeue();
            }
            else if (released < Math.Min(allowed, segments.Count))
            {
                foreach (var piece in segments[released])
                {
                    if (piece.Length > 0)
                    {
                        ready.Enqueue(piece);
                    }
                }

                released++;
            }
            else
            {
                count = 0;
                return false;
            }
        }

        if (buffer.IsEmpty)
        {
            // A zero-byte read waits for data without taking any.
            count = 0;
            return true;
        }

        count = Math.Min(buffer.Length, current.Length);
        current.Span[..count].CopyTo(buffer);
        current = current[count..];
        return true;
    }

    private void Signal()
    {
        var signal = changed;
        changed = NewSignal();
        signal.SetResult();
    }
}
