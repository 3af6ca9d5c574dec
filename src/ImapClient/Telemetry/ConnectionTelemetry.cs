using System.Diagnostics;

namespace Imap.Telemetry;

/// <summary>
/// One connection's telemetry: its server tags (made once), whether it is counted as open, its bytes, its dropped
/// events and skipped responses, and the activity of connecting. Every method returns at once when its instrument has
/// no listener.
/// </summary>
internal sealed class ConnectionTelemetry
{
    /// <summary>For a dispatcher without a connection (unit tests): measurements carry no server tags.</summary>
    public static readonly ConnectionTelemetry None = new(null, 0);

    private static readonly KeyValuePair<string, object?> Transmit = new(Instruments.Direction, "transmit");
    private static readonly KeyValuePair<string, object?> Receive = new(Instruments.Direction, "receive");

    private readonly KeyValuePair<string, object?> address;
    private readonly KeyValuePair<string, object?> port;
    private readonly bool hasServer;
    private int counted;

    public ConnectionTelemetry(string? host, int port)
    {
        hasServer = host is not null;
        address = new(Instruments.ServerAddress, host);
        this.port = new(Instruments.ServerPort, port);
    }

    /// <summary>
    /// Starts the activity of connecting (TCP, TLS, greeting, STARTTLS, capabilities, and the login when the options
    /// carry credentials: its commands are its children), or returns null when nobody listens.
    /// </summary>
    /// <param name="options">Where to; only the host and port are recorded.</param>
    public static Activity? StartConnect(ImapClientOptions options)
    {
        if (!Instruments.Source.HasListeners() || Instruments.Source.StartActivity("IMAP connect", ActivityKind.Client) is not { } activity)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(Instruments.ServerAddress, options.Host);
            activity.SetTag(Instruments.ServerPort, options.EffectivePort);
        }

        return activity;
    }

    /// <summary>
    /// Marks the connect activity failed with the error's type (never its message). Returns false, to be used as an
    /// exception filter that lets the exception pass.
    /// </summary>
    /// <param name="activity">The connect activity, or null.</param>
    /// <param name="error">Why connecting failed.</param>
    public static bool ConnectFailed(Activity? activity, Exception error)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, CommandStatus.Of(error));
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(Instruments.ErrorType, error.GetType().FullName);
            }
        }

        return false;
    }

    /// <summary>
    /// Starts <paramref name="loop"/> (the reader loop) on the thread pool outside the current activity: started while
    /// connecting, it would otherwise carry the connect activity for the connection's whole life, and anything it
    /// started would be that activity's child. The rest of the caller's context (logging scopes) flows as before.
    /// </summary>
    /// <param name="loop">The loop.</param>
    public static Task RunDetached(Func<Task> loop)
    {
        var current = Activity.Current;
        if (current is null)
        {
            return Task.Run(loop, CancellationToken.None);
        }

        Activity.Current = null;
        try
        {
            return Task.Run(loop, CancellationToken.None);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Adds <c>server.address</c> and <c>server.port</c> (when known) to <paramref name="tags"/>.</summary>
    public void AddServer(ref TagList tags)
    {
        if (hasServer)
        {
            tags.Add(address);
            tags.Add(port);
        }
    }

    /// <summary>Sets <c>server.address</c> and <c>server.port</c> (when known) on <paramref name="activity"/>.</summary>
    public void AddServer(Activity activity)
    {
        if (hasServer)
        {
            activity.SetTag(address.Key, address.Value);
            activity.SetTag(port.Key, port.Value);
        }
    }

    /// <summary>The connection exists: counted as open when someone listens now.</summary>
    public void Opened()
    {
        if (Instruments.Connections.Enabled)
        {
            Volatile.Write(ref counted, 1);
            Instruments.Connections.Add(1, ServerTags());
        }
    }

    /// <summary>The connection is closed or broken; idempotent, and never below what <see cref="Opened"/> counted.</summary>
    public void Closed()
    {
        if (Volatile.Read(ref counted) != 0 && Interlocked.Exchange(ref counted, 0) == 1)
        {
            Instruments.Connections.Add(-1, ServerTags());
        }
    }

    /// <summary>Protocol bytes written.</summary>
    public void Sent(long bytes) => CountBytes(bytes, Transmit);

    /// <summary>Protocol bytes read and consumed.</summary>
    public void Received(long bytes) => CountBytes(bytes, Receive);

    /// <summary>An unsolicited event was dropped for the backlog limit.</summary>
    public void EventDropped()
    {
        if (Instruments.EventsDropped.Enabled)
        {
            Instruments.EventsDropped.Add(1, ServerTags());
        }
    }

    /// <summary>A response was skipped as malformed or over a limit.</summary>
    public void Malformed()
    {
        if (Instruments.MalformedResponses.Enabled)
        {
            Instruments.MalformedResponses.Add(1, ServerTags());
        }
    }

    private void CountBytes(long bytes, KeyValuePair<string, object?> direction)
    {
        if (bytes > 0 && Instruments.Io.Enabled)
        {
            var tags = ServerTags();
            tags.Add(direction);
            Instruments.Io.Add(bytes, tags);
        }
    }

    private TagList ServerTags()
    {
        var tags = default(TagList);
        AddServer(ref tags);
        return tags;
    }
}
