using Imap.Commands;
using Imap.Protocol.Responses;

namespace Imap.Tests.Commands;

/// <summary>One timer for every IDLE in the process: each is re-issued at its own deadline.</summary>
public sealed class IdleClockTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Each_idle_is_ended_at_its_own_deadline_and_one_without_a_deadline_never()
    {
        var late = new IdleCommand(TimeSpan.FromMinutes(10), CancellationToken.None);
        var soon = new IdleCommand(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        var never = new IdleCommand(Timeout.InfiniteTimeSpan, CancellationToken.None);
        var sooner = new IdleCommand(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        try
        {
            var lateDone = late.OnChallengeAsync(new ContinuationResponse("idling")).AsTask();
            var soonDone = soon.OnChallengeAsync(new ContinuationResponse("idling")).AsTask();
            var neverDone = never.OnChallengeAsync(new ContinuationResponse("idling")).AsTask();
            var soonerDone = sooner.OnChallengeAsync(new ContinuationResponse("idling")).AsTask();

            // The later deadline added first must not hold back the earlier ones added after it.
            Assert.That(await soonerDone.WaitAsync(Wait), Is.EqualTo("DONE\r\n"u8.ToArray()));
            Assert.That(await soonDone.WaitAsync(Wait), Is.EqualTo("DONE\r\n"u8.ToArray()));
            Assert.That(lateDone.IsCompleted, Is.False, "ten minutes have not passed");
            Assert.That(neverDone.IsCompleted, Is.False, "no deadline");
        }
        finally
        {
            late.Release();
            never.Release();
        }
    }
}
