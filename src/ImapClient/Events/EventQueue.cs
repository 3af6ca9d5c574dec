namespace Imap;

/// <summary>
/// The unsolicited events waiting for <see cref="ImapClient.ReadEventsAsync"/>: a bounded queue that never makes the
/// writer (the reader loop) wait, refusing what does not fit instead, and lets one reader at a time wait for more. It
/// holds nothing until the first event arrives; a bounded channel would keep its queue and four waiting-operation
/// objects for every connection, idle or not (issue #14).
/// </summary>
internal sealed class EventQueue(int capacity)
{
    private readonly object sync = new();
    private Queue<MailboxEvent>? items;
    private TaskCompletionSource<bool>? waiter;
    private bool completed;

    /// <summary>Adds <paramref name="change"/>; false when the queue is full or completed (the event is not kept).</summary>
    public bool TryWrite(MailboxEvent change)
    {
        TaskCompletionSource<bool>? wake;
        lock (sync)
        {
            if (completed || (items?.Count ?? 0) >= capacity)
            {
                return false;
            }

            (items ??= new Queue<MailboxEvent>()).Enqueue(change);
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(true);
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
        TaskCompletionSource<bool>? wake;
        lock (sync)
        {
            if (completed)
            {
                return false;
            }

            completed = true;
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(false);
        return true;
    }

    /// <summary>Waits until an event can be read (true) or the queue is completed and empty (false).</summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        Task<bool> wait;
        lock (sync)
        {
            if (items is { Count: > 0 })
            {
                return true;
            }

            if (completed)
            {
                return false;
            }

            wait = (waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        return await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
