namespace Imap.Tests.Dispatch;

/// <summary>The bounded event queue behind ReadEventsAsync: in order, never blocking the writer, ending cleanly.</summary>
public sealed class EventQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public void Events_come_out_in_order_and_what_does_not_fit_is_refused()
    {
        var queue = new EventQueue(2);

        Assert.That(queue.TryWrite(new MessageCountChanged(1)), Is.True);
        Assert.That(queue.TryWrite(new MessageCountChanged(2)), Is.True);
        Assert.That(queue.TryWrite(new MessageCountChanged(3)), Is.False, "full");

        Assert.That(queue.TryRead(out var first), Is.True);
        Assert.That(first, Is.EqualTo(new MessageCountChanged(1)));
        Assert.That(queue.TryWrite(new MessageCountChanged(4)), Is.True, "room again");
        Assert.That(queue.TryRead(out var second), Is.True);
        Assert.That(queue.TryRead(out var third), Is.True);
        Assert.That(new[] { second, third }, Is.EqualTo(new MailboxEvent[] { new MessageCountChanged(2), new MessageCountChanged(4) }));
        Assert.That(queue.TryRead(out _), Is.False);
    }

    [Test]
    public async Task A_waiting_reader_wakes_for_an_event_and_at_the_end_only_once_the_rest_is_read()
    {
        var queue = new EventQueue(8);
        var waiting = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.That(waiting.IsCompleted, Is.False);

        queue.TryWrite(new ServerAlert("one"));
        Assert.That(await waiting.WaitAsync(Wait), Is.True);

        Assert.That(queue.TryComplete(), Is.True);
        Assert.That(queue.TryComplete(), Is.False);
        Assert.That(queue.TryWrite(new ServerAlert("late")), Is.False, "nothing is added after the end");
        Assert.That(await queue.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(Wait), Is.True, "one is still there");
        Assert.That(queue.TryRead(out var change) ? change : null, Is.EqualTo(new ServerAlert("one")));

        var end = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.That(await end.WaitAsync(Wait), Is.False);
    }

    [Test]
    public async Task A_wait_ends_with_its_token_and_a_later_wait_still_works()
    {
        var queue = new EventQueue(8);
        using var stop = new CancellationTokenSource();
        var waiting = queue.WaitToReadAsync(stop.Token).AsTask();
        await stop.CancelAsync();
        Assert.That(() => waiting.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());

        var again = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        queue.TryWrite(new ServerAlert("after"));
        Assert.That(await again.WaitAsync(Wait), Is.True);
    }

    [Test]
    public async Task A_second_reader_waiting_at_once_is_refused_and_the_first_keeps_its_wait()
    {
        var queue = new EventQueue(8);
        var first = queue.WaitToReadAsync(CancellationToken.None).AsTask();

        Assert.That(() => queue.WaitToReadAsync(CancellationToken.None), Throws.InvalidOperationException.With.Message.Contains("one consumer at a time"));

        queue.TryWrite(new ServerAlert("one"));
        Assert.That(await first.WaitAsync(Wait), Is.True);
        Assert.That(queue.TryRead(out _), Is.True);
        var next = queue.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.That(queue.TryComplete(), Is.True);
        Assert.That(await next.WaitAsync(Wait), Is.False, "once the first has its outcome, waiting again is allowed");
    }

    [Test(Description = "An idle connection's reader spends its life in this wait: it must hold no task or async method.")]
    public void Waiting_and_being_woken_allocates_nothing()
    {
        var queue = new EventQueue(8);
        var change = new ServerAlert("one");
        Assert.That(WaitWakeAndRead(queue, change), Is.EqualTo((false, true, true)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = WaitWakeAndRead(queue, change);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(outcome, Is.EqualTo((false, true, true)), "waited, woken readable, read");
        Assert.That(allocated, Is.Zero);
    }

    private static (bool CompletedAtOnce, bool Woken, bool Read) WaitWakeAndRead(EventQueue queue, MailboxEvent change)
    {
        var waiting = queue.WaitToReadAsync(CancellationToken.None);
        bool completedAtOnce = waiting.IsCompleted;
        queue.TryWrite(change);
        bool woken = waiting.IsCompleted && waiting.Result;
        return (completedAtOnce, woken, queue.TryRead(out _));
    }
}
