namespace Imap.Commands;

/// <summary>
/// When each IDLE in the process must be re-issued (<see cref="ImapClientOptions.IdleRestartInterval"/>): one timer
/// for all of them, set for the earliest deadline, instead of a timer and a cancellation source per connection. A
/// service that keeps thousands of connections in IDLE pays a table entry for each (issue #14).
/// </summary>
internal static class IdleClock
{
    private static readonly object Sync = new();
    private static readonly Dictionary<IdleCommand, long> Deadlines = [];
    private static Timer? timer;
    private static long armedFor = long.MaxValue;

    /// <summary>Calls <see cref="IdleCommand.Reissue"/> on <paramref name="command"/> once <paramref name="after"/> has passed.</summary>
    public static void Add(IdleCommand command, TimeSpan after)
    {
        long deadline = Environment.TickCount64 + (long)Math.Min(after.TotalMilliseconds, int.MaxValue);
        lock (Sync)
        {
            Deadlines[command] = deadline;
            Arm(deadline);
        }
    }

    /// <summary>Forgets <paramref name="command"/> (it ended); the timer stops when no IDLE is left.</summary>
    public static void Remove(IdleCommand command)
    {
        lock (Sync)
        {
            if (Deadlines.Remove(command) && Deadlines.Count == 0)
            {
                timer?.Dispose();
                timer = null;
                armedFor = long.MaxValue;
            }
        }
    }

    /// <summary>Makes the timer fire by <paramref name="deadline"/> (under the lock).</summary>
    private static void Arm(long deadline)
    {
        if (deadline >= armedFor && timer is not null)
        {
            return;
        }

        armedFor = deadline;
        long due = Math.Max(0, deadline - Environment.TickCount64);

        // Not tied to the caller's execution context: the timer belongs to no connection.
        using (ExecutionContext.SuppressFlow())
        {
            timer ??= new Timer(static _ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
        }

        timer.Change(due, Timeout.Infinite);
    }

    private static void Tick()
    {
        List<IdleCommand>? due = null;
        lock (Sync)
        {
            long now = Environment.TickCount64;
            long next = long.MaxValue;
            foreach (var (command, deadline) in Deadlines)
            {
                if (deadline <= now)
                {
                    (due ??= []).Add(command);
                }
                else
                {
                    next = Math.Min(next, deadline);
                }
            }

            foreach (var command in due ?? [])
            {
                Deadlines.Remove(command);
            }

            armedFor = long.MaxValue;
            if (next != long.MaxValue)
            {
                Arm(next);
            }
            else if (Deadlines.Count == 0)
            {
                timer?.Dispose();
                timer = null;
            }
        }

        foreach (var command in due ?? [])
        {
            command.Reissue();
        }
    }
}
