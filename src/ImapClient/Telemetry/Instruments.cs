using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imap.Telemetry;

/// <summary>
/// The one meter, the one activity source and their instruments (docs/telemetry.md). Each instrument's
/// <see cref="Instrument.Enabled"/> is checked before anything is built for it, so a process that listens to none
/// pays a field read per hook.
/// </summary>
internal static class Instruments
{
    /// <summary>Tag: the command's name (FETCH, UID FETCH, SELECT ...), never its arguments; see <see cref="CommandName"/>.</summary>
    public const string Command = "imap.command";

    /// <summary>Tag: how the command ended (<see cref="CommandStatus"/>).</summary>
    public const string Status = "imap.response.status";

    /// <summary>Tag: the host the client was configured with (OpenTelemetry <c>server.address</c>).</summary>
    public const string ServerAddress = "server.address";

    /// <summary>Tag: the server's port (OpenTelemetry <c>server.port</c>).</summary>
    public const string ServerPort = "server.port";

    /// <summary>Tag: transmit or receive (OpenTelemetry <c>network.io.direction</c>).</summary>
    public const string Direction = "network.io.direction";

    /// <summary>Activity tag on failure: the exception's type, or the server's NO or BAD (OpenTelemetry <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";

    private static readonly string? Version = typeof(Instruments).Assembly.GetName().Version?.ToString();

    public static readonly Meter Meter = new(ImapTelemetry.MeterName, Version);

    public static readonly ActivitySource Source = new(ImapTelemetry.ActivitySourceName, Version);

    /// <summary>From a command's submission (queued) to its end, in seconds.</summary>
    public static readonly Histogram<double> CommandDuration = CreateDurationHistogram();

    /// <summary>Commands submitted and not yet ended (queued or in flight).</summary>
    public static readonly UpDownCounter<long> ActiveCommands = Meter.CreateUpDownCounter<long>(
        "imap.client.commands.active", "{command}", "IMAP commands submitted and not yet completed (queued or in flight).");

    /// <summary>Connections open (from the TCP or stream connection until it is closed or faulted).</summary>
    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "imap.client.connections", "{connection}", "IMAP connections open.");

    /// <summary>Protocol bytes written and read (after decompression, before TLS).</summary>
    public static readonly Counter<long> Io = Meter.CreateCounter<long>(
        "imap.client.io", "By", "IMAP protocol bytes transmitted and received (before TLS; uncompressed under COMPRESS=DEFLATE).");

    /// <summary>Unsolicited events dropped because the event reader fell behind (the EventsDropped event).</summary>
    public static readonly Counter<long> EventsDropped = Meter.CreateCounter<long>(
        "imap.client.events.dropped", "{event}", "Mailbox events dropped because their reader fell behind.");

    /// <summary>Server responses skipped because they did not parse or exceeded a limit.</summary>
    public static readonly Counter<long> MalformedResponses = Meter.CreateCounter<long>(
        "imap.client.responses.malformed", "{response}", "Server responses skipped as malformed or over a limit.");

    private static Histogram<double> CreateDurationHistogram()
    {
        const string Name = "imap.client.command.duration";
        const string Description = "Duration of IMAP commands, from submission to completion.";
#if NET9_0_OR_GREATER
        // Bucket boundaries in seconds, as OpenTelemetry advises for request durations, and up to a minute for IDLE
        // and large transfers. (A local: a static field declared below would still be null here.)
        double[] buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];
        return Meter.CreateHistogram(Name, "s", Description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
#else
        return Meter.CreateHistogram<double>(Name, "s", Description);
#endif
    }
}
