using System.Diagnostics;
using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Telemetry;

/// <summary>
/// One command's telemetry, made only when someone listens (<see cref="TryStart"/>) and kept by the dispatcher's
/// <see cref="CommandTelemetryTable"/>, never inside the command: a command object is no larger for it. Started when
/// the command is submitted; ended once, when the server answers it or it fails or is cancelled, whichever comes first.
/// </summary>
internal sealed class CommandTelemetry
{
    private readonly long started;
    private readonly Activity? activity;
    private readonly CommandName name;
    private readonly ConnectionTelemetry connection;
    private readonly bool countedActive;
    private int ended;

    private CommandTelemetry(CommandName name, ConnectionTelemetry connection, bool measure, bool count, bool trace)
    {
        this.name = name;
        this.connection = connection;
        if (count)
        {
            countedActive = true;
            Instruments.ActiveCommands.Add(1, Tags(status: null));
        }

        if (trace && Instruments.Source.StartActivity(name.ActivityName, ActivityKind.Client) is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(Instruments.Command, name.Tag);
                connection.AddServer(activity);
            }

            this.activity = activity;
        }

        started = measure ? Stopwatch.GetTimestamp() : 0;
    }

    /// <summary>
    /// Starts the clock, counts the command active and starts its activity, as far as anyone listens; null (and
    /// nothing allocated) when nobody does.
    /// </summary>
    /// <param name="command">The command; its <see cref="PendingCommand.Name"/> is read, and mapped to a bounded set, only when someone listens.</param>
    /// <param name="server">The connection it runs on.</param>
    public static CommandTelemetry? TryStart(PendingCommand command, ConnectionTelemetry server)
    {
        bool measure = Instruments.CommandDuration.Enabled;
        bool count = Instruments.ActiveCommands.Enabled;
        bool trace = Instruments.Source.HasListeners();
        return measure || count || trace ? new CommandTelemetry(CommandName.Of(command.Name), server, measure, count, trace) : null;
    }

    /// <summary>The server answered the command: ok, no or bad; cancelled when its caller gave up on it.</summary>
    /// <param name="status">The tagged response's status.</param>
    /// <param name="abandoned">Whether the caller gave up after the command was sent.</param>
    public void Answered(ResponseStatus status, bool abandoned) => End(
        abandoned ? CommandStatus.Cancelled
        : status == ResponseStatus.Ok ? CommandStatus.Ok
        : status == ResponseStatus.No ? CommandStatus.No
        : CommandStatus.Bad,
        error: null);

    /// <summary>The command failed with <paramref name="error"/>; cancelled when its caller gave up on it.</summary>
    /// <param name="error">Why.</param>
    /// <param name="abandoned">Whether the caller gave up after the command was sent.</param>
    public void Failed(Exception error, bool abandoned) => End(abandoned ? CommandStatus.Cancelled : CommandStatus.Of(error), error);

    /// <summary>The command ended with <paramref name="status"/> (a <see cref="CommandStatus"/> value); only the first call counts.</summary>
    /// <param name="status">How it ended.</param>
    /// <param name="error">The failure, for the activity's <c>error.type</c>; its message is never recorded.</param>
    public void End(string status, Exception? error)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return;
        }

        if (started != 0 && Instruments.CommandDuration.Enabled)
        {
            Instruments.CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tags(status));
        }

        if (countedActive)
        {
            Instruments.ActiveCommands.Add(-1, Tags(status: null));
        }

        if (activity is { } ending)
        {
            if (ending.IsAllDataRequested)
            {
                ending.SetTag(Instruments.Status, status);
            }

            if (status != CommandStatus.Ok)
            {
                ending.SetStatus(ActivityStatusCode.Error, status);
                if (ending.IsAllDataRequested)
                {
                    ending.SetTag(Instruments.ErrorType, error?.GetType().FullName ?? status);
                }
            }

            ending.Stop();
        }
    }

    private TagList Tags(string? status)
    {
        var tags = default(TagList);
        tags.Add(Instruments.Command, name.Tag);
        if (status is not null)
        {
            tags.Add(Instruments.Status, status);
        }

        connection.AddServer(ref tags);
        return tags;
    }
}
