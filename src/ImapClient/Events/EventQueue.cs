using System.Threading.Tasks.Sources;

namespace Imap;

/// <summary>
/// The unsolicited events waiting for <see cref="ImapClient.ReadEventsAsync"/>: a bounded queue that never makes the
/// writer (the reader loop) wait, refusing what does not fit instead, and lets one reader at a time wait for more. It
/// holds nothing until the first event arrives and is itself what the reader waits on; a bounded channel would keep
/// its queue and four waiting-operation objects for every connection, idle or not, and a task per wait (issue #14).
/// </summary>
internal sealed class EventQueue(int capacity) : IValueTaskSource<bool>
{
    private readonly object sync = new();
    private Queue<MailboxEvent>? items;
    private ManualResetValueTaskSourceCore<bool> signal = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration registration;
    private bool waiting;
    private bool unread;
    private bool completed;

    /// <summary>Adds <paramref name="change"/>; false when the queue is full or completed (the event is not kept).</summary>
    public bool TryWrite(MailboxEvent change)
    {
        lock (sync)
        {
            if (completed || (items?.Count ?? 0) >= capacity)
            {
                return false;
            }

            (items ??= new Queue<MailboxEvent>()).Enqueue(change);
            Wake(true);
        }

        return true;
    }

    /// <summary>Takes the oldest event, if there is one.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MailboxEvent? change)
    {
        lock (sync)
        {
            return (change = items is { Count: > 0 } queue ? queue.Dequeue() : null) is not null;
        }
    }

    /// <summary>No event will be added any more; a waiting reader wakes once the queue is empty. False when already so.</summary>
    public bool TryComplete()
    {
        lock (sync)
        {
            if (completed)
            {
                return false;
            }

            completed = true;
            Wake(false);
        }

        return true;
    }

    /// <summary>
    /// Waits until an event can be read (true) or the queue is completed and empty (false). The wait is the queue
    /// itself, so waiting holds no task, no async method and, without a token, nothing at all: an idle connection spends
    /// its life here (issue #14). One reader at a time: a second one waiting at once is refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another reader is waiting already.</exception>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (items is { Count: > 0 })
            {
                return new ValueTask<bool>(true);
            }

            if (completed)
            {
                return new ValueTask<bool>(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (unread)
            {
                // Waiting, or woken and not yet back for the outcome: a second reader would take the first one's wait.
                throw new InvalidOperationException("Another reader is already waiting for events: ReadEventsAsync is for one consumer at a time.");
            }

            waiting = true;
            unread = true;
            signal.Reset();
            short version = signal.Version;
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock: a cancellation that runs the callback at once (it takes the same lock,
                // which this thread holds) still finds the wait in place.
                registration = cancellationToken.UnsafeRegister(static (state, token) => ((EventQueue)state!).Cancel(token), this);
            }

            return new ValueTask<bool>(this, version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            return signal.GetResult(token);
        }
        finally
        {
            CancellationTokenRegistration used;
            lock (sync)
            {
                used = registration;
                registration = default;
                unread = false;
            }

            // Outside the lock: disposing waits for a cancellation callback that may be running, and that takes the lock.
            used.Dispose();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        signal.OnCompleted(continuation, state, token, flags);

    /// <summary>Ends the reader's wait with <paramref name="readable"/>; under the lock (its continuation runs elsewhere).</summary>
    private void Wake(bool readable)
    {
        if (waiting)
        {
            waiting = false;
            signal.SetResult(readable);
        }
    }

    private void Cancel(CancellationToken token)
    {
        lock (sync)
        {
            if (waiting)
            {
                waiting = false;
                signal.SetException(new OperationCanceledException(token));
            }
        }
    }
}
