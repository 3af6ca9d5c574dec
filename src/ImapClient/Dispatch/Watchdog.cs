namespace Imap.Dispatch;

/// <summary>
/// The deadline and silence watchdog (docs/design.md, "Dispatch"): one check for the whole connection rather than a
/// timer per command, run by the process-wide <see cref="WatchdogClock"/>. It knows the two timeouts and when the
/// server last sent a byte; the dispatcher arms the commands in flight when their bytes are all written and asks, on
/// every tick, whether one has waited too long.
/// </summary>
/// <remarks>
/// Not thread-safe on its own: <see cref="Arm"/> and <see cref="Check"/> run under the dispatcher's lock, which also
/// guards the commands' <see cref="PendingCommand.Deadline"/> and <see cref="PendingCommand.WaitingSince"/>.
/// <see cref="NoteReceived"/> is called by the reader loop without the lock.
/// </remarks>
internal sealed class Watchdog : IDisposable
{
    private readonly Action tick;
    private long lastReceived = Environment.TickCount64;
    private long nextDue;
    private bool running;

    /// <summary>A watchdog that, once started, has <paramref name="tick"/> called every <see cref="Period"/>.</summary>
    public Watchdog(Action tick)
    {
        this.tick = tick;
    }

    /// <summary>
    /// How long the server may take to answer a command once its bytes are written (its completion, or the "+" its
    /// literal waits for).
    /// </summary>
    public TimeSpan CommandTimeout { get; private set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long the server may send nothing while a command waits for it.</summary>
    public TimeSpan SilenceTimeout { get; private set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Neither timeout is set: nothing to arm and nothing to check.</summary>
    public bool IsOff => CommandTimeout == Timeout.InfiniteTimeSpan && SilenceTimeout == Timeout.InfiniteTimeSpan;

    /// <summary>The reader got bytes from the server: the link is alive.</summary>
    public void NoteReceived() => Volatile.Write(ref lastReceived, Environment.TickCount64);

    /// <summary>
    /// Sets the timeouts and, when <paramref name="run"/>, has the check run at a quarter of the shorter one (between
    /// 10 ms and 1 s); no checks when both are infinite.
    /// </summary>
    public void Configure(TimeSpan commandTimeout, TimeSpan silenceTimeout, bool run)
    {
        CommandTimeout = commandTimeout;
        SilenceTimeout = silenceTimeout;
        Stop();
        if (run && Period() is { } period)
        {
            PeriodMilliseconds = (long)period.TotalMilliseconds;
            Volatile.Write(ref nextDue, Environment.TickCount64 + PeriodMilliseconds);
            running = true;
            WatchdogClock.Start(this);
        }
    }

    /// <summary>The <see cref="Period"/> it runs with, in milliseconds, while started.</summary>
    public long PeriodMilliseconds { get; private set; }

    /// <summary>How often the check runs: a quarter of the shorter timeout, between 10 ms and 1 s; null when both are off.</summary>
    public TimeSpan? Period()
    {
        long shortest = Math.Min(
            CommandTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : CommandTimeout.Ticks,
            SilenceTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : SilenceTimeout.Ticks);
        return shortest == long.MaxValue
            ? null
            : TimeSpan.FromTicks(Math.Clamp(shortest / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Starts the clock at <paramref name="now"/> for every command in flight not already waiting, except
    /// <paramref name="writing"/> when <paramref name="writerAnswered"/> (the "+" its write prompted has come: the wait
    /// is the client's, as for an IDLE held open or the next part of a literal still to write).
    /// </summary>
    public void Arm(IReadOnlyList<PendingCommand> inFlight, PendingCommand writing, bool writerAnswered, long now)
    {
        if (IsOff)
        {
            return;
        }

        long deadline = CommandTimeout == Timeout.InfiniteTimeSpan ? 0 : now + (long)CommandTimeout.TotalMilliseconds;
        // By index: a foreach over the interface would allocate an enumerator on every command sent.
        for (int i = 0; i < inFlight.Count; i++)
        {
            var command = inFlight[i];
            if (command == writing && writerAnswered)
            {
                continue;
            }

            if (command.Deadline == 0)
            {
                command.Deadline = deadline;
            }

            if (command.WaitingSince == 0)
            {
                command.WaitingSince = now;
            }
        }
    }

    /// <summary>
    /// The verdict at <paramref name="now"/>: a timeout naming the first command whose deadline passed, else one naming
    /// the first command that waited while the server stayed silent too long, else null. <paramref name="writer"/> is
    /// the command holding the writer, whose expiry while it waits for a "+" is worded as such.
    /// </summary>
    public ImapTimeoutException? Check(IReadOnlyList<PendingCommand> inFlight, PendingCommand? writer, long now)
    {
        long heard = Volatile.Read(ref lastReceived);
        PendingCommand? unheard = null;
        foreach (var command in inFlight)
        {
            if (command.Deadline != 0 && now >= command.Deadline)
            {
                // The command was sent and its outcome is unknown: the connection's state is unknown too.
                return new ImapTimeoutException(command == writer && command.Continue is not null
                    ? $"{command.Name} waited longer than {CommandTimeout} for the server's continuation."
                    : $"{command.Name} did not complete within {CommandTimeout}.");
            }

            if (SilenceTimeout != Timeout.InfiniteTimeSpan && command.WaitingSince != 0
                && now - Math.Max(heard, command.WaitingSince) >= (long)SilenceTimeout.TotalMilliseconds)
            {
                unheard ??= command;
            }
        }

        return unheard is null
            ? null
            : new ImapTimeoutException(
                $"The server sent nothing for {SilenceTimeout} while {unheard.Name} waited for it: the connection is presumed dead.");
    }

    /// <summary>Stops the checks (until the next <see cref="Configure"/>).</summary>
    public void Stop()
    {
        if (running)
        {
            running = false;
            WatchdogClock.Stop(this);
        }
    }

    /// <summary>Called by the <see cref="WatchdogClock"/> on each of its ticks: runs the check once its period has passed.</summary>
    internal void TickIfDue(long now)
    {
        long due = Volatile.Read(ref nextDue);
        if (now < due)
        {
            return;
        }

        Volatile.Write(ref nextDue, now + PeriodMilliseconds);
        tick();
    }

    /// <inheritdoc cref="Stop"/>
    public void Dispose() => Stop();
}
