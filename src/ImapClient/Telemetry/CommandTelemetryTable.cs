using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Telemetry;

/// <summary>
/// The telemetry of one dispatcher's commands, by command, for as long as they run: the dispatcher tells it when a
/// command is submitted and how it ends, in one line each. With nobody listening nothing is added, and every call
/// returns after reading one field: no command carries state for it, and nothing is allocated.
/// </summary>
/// <remarks>
/// Its own small lock, never the dispatcher's; measurements and activities are recorded outside it, since a
/// listener's callback is someone else's code.
/// </remarks>
internal sealed class CommandTelemetryTable
{
    private readonly object sync = new();

    // Made when the first command is tracked (someone listens): a connection nobody observes keeps no table.
    private Dictionary<PendingCommand, CommandTelemetry>? running;
    private int count;

    /// <summary>How many commands are tracked now.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>A command was submitted: tracked when someone listens.</summary>
    /// <param name="command">The command.</param>
    /// <param name="server">Its connection.</param>
    public void Start(PendingCommand command, ConnectionTelemetry server)
    {
        if (CommandTelemetry.TryStart(command, server) is { } started)
        {
            lock (sync)
            {
                running ??= [];
                running[command] = started;
                count = running.Count;
            }
        }
    }

    /// <summary>The server answered <paramref name="command"/> (see <see cref="CommandTelemetry.Answered"/>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="status">The tagged response's status.</param>
    public void Answered(PendingCommand command, ResponseStatus status) => Take(command)?.Answered(status, command.Abandoned);

    /// <summary><paramref name="command"/> failed (see <see cref="CommandTelemetry.Failed"/>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="error">Why.</param>
    public void Failed(PendingCommand command, Exception error) => Take(command)?.Failed(error, command.Abandoned);

    private CommandTelemetry? Take(PendingCommand command)
    {
        if (Volatile.Read(ref count) == 0)
        {
            return null;
        }

        lock (sync)
        {
            if (running is null || !running.Remove(command, out var telemetry))
            {
                return null;
            }

            count = running.Count;
            return telemetry;
        }
    }
}
