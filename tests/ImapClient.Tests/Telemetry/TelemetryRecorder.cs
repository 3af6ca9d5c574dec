using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Imap.Tests.Telemetry;

/// <summary>
/// Listens to the client's meter and activity source like an exporter would, keeping only what a connection to
/// <see cref="Host"/> produced: each test connects under a host name of its own, so nothing another test left
/// running can be counted here.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener meters = new();
    private readonly ActivityListener activities;
    private readonly ConcurrentQueue<Recorded> measurements = new();
    private readonly ConcurrentQueue<Activity> stopped = new();

    public TelemetryRecorder(bool metrics = true, bool traces = true)
    {
        Host = $"t{Guid.NewGuid():N}.test";
        if (metrics)
        {
            meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ImapTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
            meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
            meters.Start();
        }

        activities = new ActivityListener
        {
            ShouldListenTo = source => traces && source.Name == ImapTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("server.address") as string == Host)
                {
                    stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
    }

    /// <summary>The host name the test's client must use.</summary>
    public string Host { get; }

    /// <summary>The measurements of one instrument, in order.</summary>
    public IReadOnlyList<Recorded> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The stopped activities, in order.</summary>
    public IReadOnlyList<Activity> Activities => [.. stopped];

    /// <summary>Every tag value, activity name and status description recorded, for secret checks.</summary>
    public IEnumerable<string> AllText() =>
        measurements.SelectMany(m => m.Tags.Values.Select(v => v?.ToString() ?? string.Empty))
            .Concat(stopped.SelectMany(a => a.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty)
                .Append(a.DisplayName).Append(a.OperationName).Append(a.StatusDescription ?? string.Empty)));

    public void Dispose()
    {
        meters.Dispose();
        activities.Dispose();
    }

    private void Keep<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (copy.TryGetValue("server.address", out var address) && address as string == Host)
        {
            measurements.Enqueue(new Recorded(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }

    /// <summary>One measurement: its instrument, value and tags.</summary>
    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
    }
}
