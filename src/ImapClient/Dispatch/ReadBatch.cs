using System.Runtime.ExceptionServices;

namespace Imap.Dispatch;

/// <summary>A consumer waiting for what the reader loop hands over, woken once per read instead of once per item.</summary>
internal interface IDeferredWake
{
    /// <summary>Lets the consumer run; called once for each time it was deferred.</summary>
    void Wake();
}

/// <summary>
/// The bytes of one read, as the reader loop routes them (docs/design.md, "Dispatch"): a queue that hands messages to
/// a consumer defers waking it until the loop is done with the read, so a read of thirty FETCH responses costs one
/// thread-pool hop for the consumer, not thirty. The loop routes a read synchronously on one thread, so the deferred
/// wakes are kept per thread and run by that thread, before it waits for the next read.
/// </summary>
internal static class ReadBatch
{
    [ThreadStatic]
    private static List<IDeferredWake>? deferred;

    [ThreadStatic]
    private static bool open;

    /// <summary>The reader loop starts routing a read on this thread.</summary>
    public static void Begin() => open = true;

    /// <summary>
    /// Wakes <paramref name="consumer"/> at the end of the read being routed on this thread, or now when none is.
    /// </summary>
    public static void WakeAfterRead(IDeferredWake consumer)
    {
        if (open)
        {
            (deferred ??= []).Add(consumer);
        }
        else
        {
            consumer.Wake();
        }
    }

    /// <summary>The read is routed (or the loop ends): wakes every consumer deferred meanwhile, in order.</summary>
    public static void End()
    {
        open = false;
        if (deferred is not { Count: > 0 } wakes)
        {
            return;
        }

        // Every consumer is woken even if one wake fails (none should): a consumer left out would wait for good.
        Exception? failure = null;
        foreach (var consumer in wakes)
        {
            try
            {
                consumer.Wake();
            }
            catch (InvalidOperationException e)
            {
                failure ??= e;
            }
        }

        wakes.Clear();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
