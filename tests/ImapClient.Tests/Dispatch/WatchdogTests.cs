using Imap.Commands;
using Imap.Dispatch;

namespace Imap.Tests.Dispatch;

/// <summary>
/// The watchdog alone: which commands it arms, and its verdict at a given moment (no timer, no connection).
/// </summary>
public sealed class WatchdogTests
{
    private static RawCommand Command(string name) => new(new ImapCommand(name) { Traits = CommandTraits.None });

    private static Watchdog Create(TimeSpan command, TimeSpan silence)
    {
        var watchdog = new Watchdog(() => { });
        watchdog.Configure(command, silence, run: false);
        return watchdog;
    }

    [Test]
    public void Arming_sets_the_deadline_and_the_start_of_the_wait_once()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        var first = Command("X-FIRST");
        watchdog.Arm([first], first, writerAnswered: false, now: 1_000);
        watchdog.Arm([first], first, writerAnswered: false, now: 5_000);

        Assert.That(first.Deadline, Is.EqualTo(11_000), "a second write does not push the deadline back");
        Assert.That(first.WaitingSince, Is.EqualTo(1_000));
    }

    [Test]
    public void The_writer_whose_continuation_came_is_not_armed()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var idle = Command("IDLE");
        var other = Command("NOOP");
        watchdog.Arm([idle, other], idle, writerAnswered: true, now: 1_000);

        Assert.That((idle.Deadline, idle.WaitingSince), Is.EqualTo((0L, 0L)), "the wait is the client's");
        Assert.That((other.Deadline, other.WaitingSince), Is.EqualTo((11_000L, 1_000L)));
    }

    [Test]
    public void Nothing_is_armed_when_both_timeouts_are_off()
    {
        using var watchdog = Create(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var command = Command("NOOP");
        watchdog.Arm([command], command, writerAnswered: false, now: 1_000);

        Assert.That((command.Deadline, command.WaitingSince), Is.EqualTo((0L, 0L)));
        Assert.That(watchdog.Period(), Is.Null);
    }

    [Test]
    public void A_command_past_its_deadline_is_named_and_one_before_it_is_not()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var command = Command("X-SLOW");
        watchdog.Arm([command], command, writerAnswered: false, now: 1_000);

        Assert.That(watchdog.Check([command], writer: null, now: 1_999), Is.Null);
        Assert.That(watchdog.Check([command], writer: null, now: 2_000)?.Message, Does.Contain("X-SLOW did not complete within"));
    }

    [Test]
    public void Silence_counts_from_the_later_of_the_last_byte_and_the_start_of_the_wait()
    {
        using var watchdog = Create(Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));
        var command = Command("X-WAIT");
        long start = Environment.TickCount64;
        watchdog.Arm([command], command, writerAnswered: false, now: start);
        watchdog.NoteReceived();

        Assert.That(watchdog.Check([command], writer: null, now: start + 500), Is.Null);
        Assert.That(
            watchdog.Check([command], writer: null, now: Environment.TickCount64 + 1_000)?.Message,
            Does.Contain("sent nothing").And.Contain("X-WAIT"));
    }

    [Test]
    public void An_expired_deadline_wins_over_silence()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        var silent = Command("X-SILENT");
        var late = Command("X-LATE");
        long start = Environment.TickCount64;
        watchdog.Arm([silent], silent, writerAnswered: false, now: start + 10_500);
        watchdog.Arm([late], late, writerAnswered: false, now: start);

        Assert.That(watchdog.Check([silent, late], writer: null, now: start + 12_000)?.Message, Does.Contain("X-LATE did not complete"));
    }

    [Test]
    public void The_period_is_a_quarter_of_the_shorter_timeout_within_bounds()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));
        Assert.That(watchdog.Period(), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        watchdog.Configure(TimeSpan.FromMilliseconds(8), Timeout.InfiniteTimeSpan, run: false);
        Assert.That(watchdog.Period(), Is.EqualTo(TimeSpan.FromMilliseconds(10)));
        watchdog.Configure(Timeout.InfiniteTimeSpan, TimeSpan.FromMinutes(2), run: false);
        Assert.That(watchdog.Period(), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task A_running_watchdog_ticks_until_stopped()
    {
        int ticks = 0;
        var ticked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watchdog = new Watchdog(() =>
        {
            if (Interlocked.Increment(ref ticks) == 2)
            {
                ticked.TrySetResult();
            }
        });
        watchdog.Configure(TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan, run: true);

        await ticked.Task.WaitAsync(TimeSpan.FromSeconds(5));
        watchdog.Stop();
        Assert.That(ticks, Is.GreaterThanOrEqualTo(2));
    }

    [Test(Description = "One process-wide clock runs every connection's watchdog, each at its own period.")]
    public async Task Watchdogs_on_the_shared_clock_tick_at_their_own_periods_and_not_once_stopped()
    {
        var fast = new Ticks();
        var slow = new Ticks();
        using var fastDog = new Watchdog(fast.Tick);
        using var slowDog = new Watchdog(slow.Tick);
        fastDog.Configure(TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan, run: true);
        slowDog.Configure(TimeSpan.FromMilliseconds(400), Timeout.InfiniteTimeSpan, run: true);
        long started = Environment.TickCount64;

        await fast.ReachAsync(20).WaitAsync(TimeSpan.FromSeconds(10));
        long elapsed = Environment.TickCount64 - started;
        Assert.That(slow.Count, Is.LessThanOrEqualTo((elapsed / 100) + 1), "the slow one (100 ms period) is not checked at the fast one's 10 ms");

        // Stopped, the slow one is not checked again while the fast one goes on.
        slowDog.Stop();
        int slowAtStop = slow.Count;
        await fast.ReachAsync(fast.Count + 15).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(slow.Count, Is.LessThanOrEqualTo(slowAtStop + 1), "at most a tick already under way when it stopped");
    }

    private sealed class Ticks
    {
        private readonly object sync = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> waits = [];
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Tick()
        {
            lock (sync)
            {
                count++;
                foreach (var (target, reached) in waits)
                {
                    if (count >= target)
                    {
                        reached.TrySetResult();
                    }
                }
            }
        }

        public Task ReachAsync(int target)
        {
            lock (sync)
            {
                if (count >= target)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waits.Add((target, reached));
                return reached.Task;
            }
        }
    }
}
