namespace Imap;

/// <summary>
/// The names to subscribe to for the client's metrics and traces (docs/telemetry.md): one
/// <see cref="System.Diagnostics.Metrics.Meter"/> and one <see cref="System.Diagnostics.ActivitySource"/>, both named
/// <c>ImapClient</c>. Nothing is measured or traced, and nothing is allocated for it, until a listener subscribes.
/// </summary>
/// <remarks>
/// Instruments (OpenTelemetry semantic-convention style): <c>imap.client.command.duration</c> (histogram, seconds),
/// <c>imap.client.commands.active</c>, <c>imap.client.connections</c> (up-down counters), <c>imap.client.io</c>
/// (bytes, by <c>network.io.direction</c>), <c>imap.client.events.dropped</c> and
/// <c>imap.client.responses.malformed</c> (counters). Tags never carry user names, passwords, tokens, mailbox names or
/// command arguments.
/// </remarks>
public static class ImapTelemetry
{
    /// <summary>The name of the client's <see cref="System.Diagnostics.Metrics.Meter"/>: "ImapClient".</summary>
    public const string MeterName = "ImapClient";

    /// <summary>The name of the client's <see cref="System.Diagnostics.ActivitySource"/>: "ImapClient".</summary>
    public const string ActivitySourceName = "ImapClient";
}
