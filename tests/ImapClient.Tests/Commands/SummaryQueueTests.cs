using Imap.Commands;
using Imap.Dispatch;

namespace Imap.Tests.Commands;

/// <summary>The lock-free hand-over of summaries from the reader loop to the caller's enumeration.</summary>
public sealed class SummaryQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Every_summary_written_on_another_thread_is_read_once_and_in_order()
    {
        const int Count = 200_000;
        const int Batch = 1000;
        var queue = new SummaryQueue();
        long read = 0;
        var writer = Task.Run(() =>
        {
            for (uint i = 1; i <= Count; i++)
            {
                Assert.That(queue.TryWrite(new MessageSummary(i, new Uid(i))), Is.True);
                if (i % Batch == 0)
                {
                    // The reader drains each batch before the next is written, so it runs dry and waits each time.
                    Assert.That(SpinWait.SpinUntil(() => Interlocked.Read(ref read) == i, Wait), Is.True, $"the reader did not get the {i}th summary");
                }
            }

            queue.Complete(null);
        });

        uint expected = 1;
        int waits = 0;
        while (await queue.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(Wait))
        {
            waits++;
            while (queue.TryRead(out var summary))
            {
                Assert.That(summary.Uid.Value, Is.EqualTo(expected));
                expected++;
                Interlocked.Increment(ref read);
            }
        }

        await writer.WaitAsync(Wait);
        Assert.That(expected - 1, Is.EqualTo(Count));
        Assert.That(waits, Is.GreaterThanOrEqualTo(Count / Batch), "a wait for each batch");
    }

    [Test]
    public async Task A_failure_comes_after_what_was_written_before_it()
    {
        var queue = new SummaryQueue();
        queue.TryWrite(new MessageSummary(1, new Uid(7)));
        var failure = new ImapConnectionException("gone");
        queue.Complete(failure);

        Assert.That(queue.TryWrite(new MessageSummary(2, new Uid(8))), Is.False, "nothing is taken after the end");
        Assert.That(await queue.WaitToReadAsync(CancellationToken.None), Is.True);
        Assert.That(queue.TryRead(out var summary) ? summary.Uid.Value : 0, Is.EqualTo(7));
        var thrown = Assert.ThrowsAsync<ImapConnectionException>(() => queue.WaitToReadAsync(CancellationToken.None).AsTask());
        Assert.That(thrown, Is.SameAs(failure));
    }

    [Test]
    public async Task A_reader_waiting_when_the_queue_ends_is_woken_and_told_the_end()
    {
        var queue = new SummaryQueue();
        var waiting = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.That(waiting.IsCompleted, Is.False);

        queue.Complete(null);

        Assert.That(await waiting.WaitAsync(Wait), Is.True, "woken");
        Assert.That(await queue.WaitToReadAsync(CancellationToken.None), Is.False, "and then the end");
    }

    [Test]
    public async Task Cancelling_a_wait_ends_it_and_the_queue_still_works()
    {
        var queue = new SummaryQueue();
        using var cancel = new CancellationTokenSource();
        var waiting = queue.WaitToReadAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        Assert.That(() => waiting.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        queue.TryWrite(new MessageSummary(1, new Uid(3)));
        Assert.That(await queue.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(Wait), Is.True);
        Assert.That(queue.TryRead(out var summary) ? summary.Uid.Value : 0, Is.EqualTo(3));
    }

    [Test]
    public async Task Inside_a_read_the_reader_is_woken_at_its_end_not_at_each_summary()
    {
        var queue = new SummaryQueue();
        var waiting = queue.WaitToReadAsync(CancellationToken.None).AsTask();

        ReadBatch.Begin();
        try
        {
            queue.TryWrite(new MessageSummary(1, new Uid(1)));
            queue.TryWrite(new MessageSummary(2, new Uid(2)));
            Assert.That(waiting.IsCompleted, Is.False, "still routing the read: the wake waits for its end");
        }
        finally
        {
            ReadBatch.End();
        }

        Assert.That(await waiting.WaitAsync(Wait), Is.True);
        Assert.That(queue.TryRead(out _) && queue.TryRead(out _), Is.True);
    }

    [Test]
    public async Task A_wake_that_fails_does_not_keep_the_others_from_running()
    {
        var queue = new SummaryQueue();
        var waiting = queue.WaitToReadAsync(CancellationToken.None).AsTask();

        ReadBatch.Begin();
        ReadBatch.WakeAfterRead(new FailingWake());
        queue.TryWrite(new MessageSummary(1, new Uid(1)));

        Assert.That(ReadBatch.End, Throws.InvalidOperationException);
        Assert.That(await waiting.WaitAsync(Wait), Is.True, "the queue deferred after the failing wake was woken all the same");
    }

    private sealed class FailingWake : IDeferredWake
    {
        public void Wake() => throw new InvalidOperationException("this consumer cannot be woken");
    }
}
