using Imap.Commands;
using Imap.Telemetry;

namespace Imap.Tests.Telemetry;

/// <summary>With nobody listening, the hooks cost a few flag reads: no allocation, nothing started.</summary>
public sealed class QuietTelemetryTests
{
    [Test]
    public void Starting_and_ending_a_command_with_no_listener_allocates_nothing_and_tracks_nothing()
    {
        var command = new NoopCommand();
        var connection = new ConnectionTelemetry("quiet.test", 993);
        Cycle(command, connection);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Cycle(command, connection);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(command.Telemetry.IsTracked, Is.False);
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void A_listener_on_the_meter_makes_commands_tracked_and_its_end_turns_that_off_again()
    {
        var command = new NoopCommand();
        using (var recorder = new TelemetryRecorder(traces: false))
        {
            command.Telemetry.Start(command, new ConnectionTelemetry(recorder.Host, 143));
            Assert.That(command.Telemetry.IsTracked, Is.True);
            command.Telemetry.End(CommandStatus.Ok, null);
            Assert.That(recorder.Of("imap.client.command.duration"), Has.Count.EqualTo(1));
        }

        var quiet = new NoopCommand();
        quiet.Telemetry.Start(quiet, ConnectionTelemetry.None);
        Assert.That(quiet.Telemetry.IsTracked, Is.False, "the listener is gone");
    }

    private static void Cycle(NoopCommand command, ConnectionTelemetry connection)
    {
        command.Telemetry.Start(command, connection);
        command.Telemetry.Answered(Imap.Protocol.Responses.ResponseStatus.Ok, abandoned: false);
        connection.Sent(100);
        connection.Received(100);
        connection.Opened();
        connection.Closed();
        connection.EventDropped();
        connection.Malformed();
    }
}
