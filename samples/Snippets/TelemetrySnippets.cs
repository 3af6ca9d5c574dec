using System.Diagnostics;
using System.Diagnostics.Metrics;
using Imap;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Snippets;

/// <summary>The code of docs/telemetry.md.</summary>
public static class TelemetrySnippets
{
    public static void OpenTelemetry()
    {
        #region telemetry-opentelemetry
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ImapTelemetry.ActivitySourceName)   // a span per command, one for connecting
            .AddConsoleExporter()                          // or AddOtlpExporter(), ...
            .Build();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ImapTelemetry.MeterName)             // durations, active commands, connections, bytes
            .AddConsoleExporter()
            .Build();
        #endregion
    }

    public static async Task ParentSpanAsync(ImapClient client)
    {
        #region telemetry-parent
        using var source = new ActivitySource("MyMailApp");
        using (source.StartActivity("archive old mail"))
        {
            // Every command run here, from any task started here, is a child of "archive old mail".
            await client.SelectAsync("INBOX");
            await client.ListMailboxesAsync();
        }
        #endregion
    }

    public static IDisposable Listener()
    {
        #region telemetry-listener
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ImapTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (instrument.Name == "imap.client.command.duration")
            {
                string? command = null, status = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "imap.command") command = tag.Value as string;
                    if (tag.Key == "imap.response.status") status = tag.Value as string;
                }

                Console.WriteLine($"{command} {status} in {seconds * 1000:F1} ms");
            }
        });
        listener.Start();
        #endregion
        return listener;
    }
}
