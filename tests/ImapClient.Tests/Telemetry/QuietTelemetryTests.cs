using Imap.Commands;
using Imap.Protocol.Responses;
using Imap.Telemetry;

namespace Imap.Tests.Telemetry;

/// <summary>With nobody listening, the hooks cost a few flag reads: no allocation, nothing tracked.</summary>
public sealed class QuietTelemetryTests
{
    [Test]
    public void Starting_and_ending_commands_with_no_listener_allocates_nothing_and_tracks_nothing()
    {
        var commands = new CommandTelemetryTable();
        var command = new NoopCommand();
        var connection = new ConnectionTelemetry("quiet.test", 993);
        var error = new ImapConnectionException("gone");
        Cycle(commands, command, connection, error);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Cycle(commands, command, connection, error);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        commands.Start(command, connection);
        Assert.That(commands.Count, Is.Zero);
    }

    [Test]
    public void A_listener_on_the_meter_makes_commands_tracked_until_they_end_and_its_departure_stops_it()
    {
        var commands = new CommandTelemetryTable();
        var command = new NoopCommand();
        using (var recorder = new TelemetryRecorder(traces: false))
        {
            commands.Start(command, new ConnectionTelemetry(recorder.Host, 143));
            Assert.That(commands.Count, Is.EqualTo(1));
            commands.Answered(command, ResponseStatus.Ok);
            commands.Failed(command, new ImapConnectionException("late"));
            Assert.That(commands.Count, Is.Zero);
            Assert.That(recorder.Of("imap.client.command.duration").Select(m => m["imap.response.status"]), Is.EqualTo(new[] { "ok" }), "ended once");
        }

        commands.Start(command, ConnectionTelemetry.None);
        Assert.That(commands.Count, Is.Zero, "the listener is gone");
    }

    private static void Cycle(CommandTelemetryTable commands, NoopCommand command, ConnectionTelemetry connection, Exception error)
    {
        commands.Start(command, connection);
        commands.Answered(command, ResponseStatus.Ok);
        commands.Failed(command, error);
        connection.Sent(100);
        connection.Received(100);
        connection.Opened();
        connection.Closed();
        connection.EventDropped();
        connection.Malformed();
    }
}
