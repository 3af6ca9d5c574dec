using System.Diagnostics;
using Imap.Telemetry;

namespace Imap.Tests.Telemetry;

/// <summary>The reader loop, started while connecting, does not carry the connect activity for the connection's life.</summary>
public sealed class ReaderLoopContextTests
{
    [Test]
    public async Task The_loop_starts_outside_the_current_activity_and_the_caller_keeps_its_own()
    {
        using var connect = new Activity("IMAP connect").Start();
        Activity? seen = connect;

        await ConnectionTelemetry.RunDetached(() =>
        {
            seen = Activity.Current;
            return Task.CompletedTask;
        });

        Assert.That(seen, Is.Null);
        Assert.That(Activity.Current, Is.SameAs(connect));
    }
}
