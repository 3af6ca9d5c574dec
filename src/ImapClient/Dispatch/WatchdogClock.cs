namespace Imap.Dispatch;

/// <summary>
/// One timer for the <see cref="Watchdog"/>s of every connection in the process, ticking at the shortest period any
/// of them needs; each watchdog is checked when its own period has passed. A service that keeps thousands of
/// connections open pays a table entry for each instead of a timer (issue #14).
/// </summary>
internal static class WatchdogClock
{
    private static readonly object Sync = new();
    private static readonly HashSet<Watchdog> Running = [];
    private static Watchdog[] snapshot = [];
    private static Timer? timer;
    private static long period;
    private static int ticking;

    /// <summary>How many watchdogs the clock runs now (for tests).</summary>
    internal static int Count
    {
        get
        {
            lock (Sync)
            {
                return Running.Count;
            }
        }
    }

    /// <summary>Checks <paramref name="watchdog"/> every <see cref="Watchdog.PeriodMilliseconds"/> until <see cref="Stop"/>.</summary>
    public static void Start(Watchdog watchdog)
    {
        lock (Sync)
        {
            Running.Add(watchdog);
            if (timer is null || watchdog.PeriodMilliseconds < period)
            {
                Retime(watchdog.PeriodMilliseconds);
            }
        }
    }

    /// <summary>No more checks for <paramref name="watchdog"/>; the timer stops when none is left.</summary>
    public static void Stop(Watchdog watchdog)
    {
        lock (Sync)
        {
            if (!Running.Remove(watchdog))
            {
                return;
            }

            if (Running.Count == 0)
            {
                timer?.Dispose();
                timer = null;
                period = 0;
            }
            else if (watchdog.PeriodMilliseconds == period)
            {
                // It may have been the one that needed the shortest period.
                long shortest = long.MaxValue;
                foreach (var other in Running)
                {
                    shortest = Math.Min(shortest, other.PeriodMilliseconds);
                }

                Retime(shortest);
            }
        }
    }

    /// <summary>Makes the timer tick every <paramref name="milliseconds"/> (under the lock).</summary>
    private static void Retime(long milliseconds)
    {
        if (timer is not null && milliseconds == period)
        {
            return;
        }

        period = milliseconds;

        // Not tied to the caller's execution context: the timer belongs to no connection.
        using (ExecutionContext.SuppressFlow())
        {
            timer ??= new Timer(static _ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
        }

        timer.Change(milliseconds, milliseconds);
    }

    private static void Tick()
    {
        // A tick that outlasts the period must not run beside the next one: the snapshot is shared.
        if (Interlocked.Exchange(ref ticking, 1) == 1)
        {
            return;
        }

        try
        {
            int count;
            lock (Sync)
            {
                count = Running.Count;
                if (snapshot.Length < count)
                {
                    snapshot = new Watchdog[count * 2];
                }

                Running.CopyTo(snapshot);
            }

            long now = Environment.TickCount64;
            for (int i = 0; i < count; i++)
            {
                var watchdog = snapshot[i];
                snapshot[i] = null!;
                watchdog.TickIfDue(now);
            }
        }
        finally
        {
            Volatile.Write(ref ticking, 0);
        }
    }
}
