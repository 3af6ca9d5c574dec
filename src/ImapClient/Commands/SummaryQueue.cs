using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using Imap.Dispatch;

namespace Imap.Commands;

/// <summary>
/// The summaries of one fetch batch on their way from the reader loop (the one writer, <see cref="FetchCommand"/>; the
/// completion may come from another thread, a fault or a cancellation) to the caller's enumeration (the one reader).
/// Writing takes no lock, so the reader loop never waits for the reader; a reader that ran out waits without a lock
/// too, and is woken once per read of the connection (<see cref="ReadBatch"/>), not once per message. Unbounded: the
/// fetch batches bound what is in flight.
/// </summary>
internal sealed class SummaryQueue : IValueTaskSource<bool>, IDeferredWake
{
    private const int Running = 0;
    private const int Waiting = 1;

    private readonly ConcurrentQueue<MessageSummary> items = new();
    private ManualResetValueTaskSourceCore<bool> signal = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration registration;
    private int reader;
    private volatile bool completed;
    private Exception? error;

    /// <summary>Adds a summary; false once the queue was completed.</summary>
    public bool TryWrite(MessageSummary summary)
    {
        if (completed)
        {
            return false;
        }

        items.Enqueue(summary);
        WakeReader();
        return true;
    }

    /// <summary>No more summaries will come: the reader drains what is there, then ends, with <paramref name="failure"/> if any.</summary>
    public void Complete(Exception? failure)
    {
        if (completed)
        {
            return;
        }

        error = failure;
        completed = true;
        WakeReader();
    }

    public bool TryRead(out MessageSummary summary) => items.TryDequeue(out summary!);

    /// <summary>
    /// Waits until a summary can be read (true) or the queue is completed and empty (false, or the completion's
    /// exception). Called by the one reader, never twice at once.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        // The caller's token first: cancelling it also ends the fetch, whose failure (with the fetch's own token) may
        // already have completed the queue, and the caller must hear of its own cancellation.
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        if (!items.IsEmpty)
        {
            return new ValueTask<bool>(true);
        }

        if (completed)
        {
            return Ended();
        }

        signal.Reset();

        // Published before looking again (both sides use full fences), so a write in between is not missed: either the
        // look sees it, or the writer sees the reader waiting.
        Interlocked.Exchange(ref reader, Waiting);
        if ((!items.IsEmpty || completed) && Interlocked.CompareExchange(ref reader, Running, Waiting) == Waiting)
        {
            return new ValueTask<bool>(true);
        }

        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var queue = (SummaryQueue)state!;
                    if (Interlocked.CompareExchange(ref queue.reader, Running, Waiting) == Waiting)
                    {
                        queue.signal.SetException(new OperationCanceledException(token));
                    }
                },
                this);
        }

        return new ValueTask<bool>(this, signal.Version);
    }

    void IDeferredWake.Wake() => signal.SetResult(true);

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            return signal.GetResult(token);
        }
        finally
        {
            registration.Dispose();
            registration = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        signal.OnCompleted(continuation, state, token, flags);

    /// <summary>Completed and drained: the end, or the failure it was completed with.</summary>
    private ValueTask<bool> Ended() =>
        !items.IsEmpty ? new ValueTask<bool>(true)
        : error is null ? new ValueTask<bool>(false)
        : ValueTask.FromException<bool>(error);

    /// <summary>
    /// Called after the summary or the completion was published. The exchange is a full fence (a plain read of the
    /// reader's state could be ordered before the publication), so a reader that looked before it is seen waiting.
    /// </summary>
    private void WakeReader()
    {
        if (Interlocked.CompareExchange(ref reader, Running, Waiting) == Waiting)
        {
            ReadBatch.WakeAfterRead(this);
        }
    }
}
