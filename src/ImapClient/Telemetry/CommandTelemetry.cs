using System.Diagnostics;
using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Telemetry;

/// <summary>
/// One command's telemetry, kept inside the command (a field of <see cref="PendingCommand"/>, so nothing is
/// allocated for it): started when the command is submitted, ended once, when the server answers it or it fails or is
/// cancelled, whichever comes first. With no listener, <see cref="Start"/> reads three flags and
/// <see cref="End(string, Exception?)"/> one field.
/// </summary>
/// <remarks>
/// Call the methods on the field itself (<c>command.Telemetry.End(...)</c>), never on a copy. <see cref="End(string,
/// Exception?)"/> may race between the reader loop and the caller; only the first call counts.
/// </remarks>
internal struct CommandTelemetry
{
    private long started;
    private Activity? activity;
    private CommandName? name;
    private ConnectionTelemetry? connection;
    private bool countedActive;
    private int ended;

    /// <summary>Whether anything was started that <see cref="End(string, Exception?)"/> must end.</summary>
    public readonly bool IsTracked => name is not null;

    /// <summary>The command was submitted: starts its clock, counts it active, starts its activity (as listened to).</summary>
    /// <param name="command">The command; its <see cref="PendingCommand.Name"/> is read, and mapped to a bounded set, only when someone listens.</param>
    /// <param name="server">The connection it runs on.</param>
    public void Start(PendingCommand command, ConnectionTelemetry server)
    {
        bool measure = Instruments.CommandDuration.Enabled;
        bool count = Instruments.ActiveCommands.Enabled;
        bool trace = Instruments.Source.HasListeners();
        if (!measure && !count && !trace)
        {
            return;
        }

        name = CommandName.Of(command.Name);
        connection = server;
        if (count)
        {
            countedActive = true;
            Instruments.ActiveCommands.Add(1, Tags(status: null));
        }

        if (trace && Instruments.Source.StartActivity(name.ActivityName, ActivityKind.Client) is { } started)
        {
            if (started.IsAllDataRequested)
            {
                started.SetTag(Instruments.Command, name.Tag);
                server.AddServer(started);
            }

            activity = started;
        }

        this.started = measure ? Stopwatch.GetTimestamp() : 0;
    }

    /// <summary>The command ended with <paramref name="status"/> (a <see cref="CommandStatus"/> value).</summary>
    /// <param name="status">How it ended.</param>
    /// <param name="error">The failure, for the activity's <c>error.type</c>; its message is never recorded.</param>
    public void End(string status, Exception? error)
    {
        if (name is null || Interlocked.Exchange(ref ended, 1) != 0)
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
            activity = null;
        }
    }

    /// <summary>The server answered the command: ok, no or bad; cancelled when its caller gave up on it.</summary>
    /// <param name="status">The tagged response's status.</param>
    /// <param name="abandoned">Whether the caller gave up after the command was sent.</param>
    public void Answered(ResponseStatus status, bool abandoned)
    {
        if (name is not null)
        {
            End(
                abandoned ? CommandStatus.Cancelled
                : status == ResponseStatus.Ok ? CommandStatus.Ok
                : status == ResponseStatus.No ? CommandStatus.No
                : CommandStatus.Bad,
                error: null);
        }
    }

    /// <summary>The command failed with <paramref name="error"/>; cancelled when its caller gave up on it.</summary>
    /// <param name="error">Why.</param>
    /// <param name="abandoned">Whether the caller gave up after the command was sent.</param>
    public void Failed(Exception error, bool abandoned)
    {
        if (name is not null)
        {
            End(abandoned ? CommandStatus.Cancelled : CommandStatus.Of(error), error);
        }
    }

    private readonly TagList Tags(string? status)
    {
        var tags = default(TagList);
        tags.Add(Instruments.Command, name!.Tag);
        if (status is not null)
        {
            tags.Add(Instruments.Status, status);
        }

        connection!.AddServer(ref tags);
        return tags;
    }
}
