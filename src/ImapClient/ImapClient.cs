using Imap.Connection;
using Imap.Protocol.Responses;
using Imap.Telemetry;

namespace Imap;

/// <summary>
/// An IMAP connection (RFC 9051, RFC 3501). Safe to use from many tasks at once: concurrent calls are pipelined on the
/// one connection as RFC 9051 §5.5 allows, and held back in order where it does not; nobody ever sees "busy".
/// </summary>
/// <example>
/// <code>
/// await using var client = await ImapClient.ConnectAsync(new ImapClientOptions { Host = "imap.example.com" });
/// await client.LoginAsync("alice", "secret");
/// var inbox = await client.SelectAsync("INBOX");
/// </code>
/// </example>
public sealed partial class ImapClient : IAsyncDisposable
{
    private readonly EventQueue events;
    private ImapConnection connection;
    private SelectedMailbox? selected;
    private long droppedEvents;

    private ImapClient(ImapConnection connection, ImapClientOptions options)
    {
        Options = options;
        events = new EventQueue(Math.Max(1, options.EventCapacity));
        this.connection = connection;
        Attach(connection);
    }

    /// <summary>
    /// Makes <paramref name="fresh"/> this client's connection (the first one, or a new one after a reconnect), takes
    /// its greeting and starts its reader loop, which reports to this client from then on.
    /// </summary>
    private void Attach(ImapConnection fresh)
    {
        connection = fresh;
        fresh.Dispatcher.MaxUnclaimedBody = Options.Limits.MaxLiteralSize;
        IsAuthenticated = fresh.IsPreAuthenticated;
        fresh.Start(new ConnectionEvents(this, fresh));
    }

    /// <summary>The options the client was connected with.</summary>
    public ImapClientOptions Options { get; }

    /// <summary>The server's capabilities as last reported (RFC 9051 §7.2.2), compared ignoring case.</summary>
    public IReadOnlySet<string> Capabilities => connection.Session.Capabilities;

    /// <summary>Whether the connection is still usable.</summary>
    public bool IsConnected => connection.Dispatcher.Fault is null;

    /// <summary>The names of the commands the connection holds back in its queue, oldest first (for tests).</summary>
    internal IReadOnlyList<string> QueuedCommandNames => connection.Dispatcher.QueuedNames;

    /// <summary>Whether the session is authenticated (after LOGIN, AUTHENTICATE or a PREAUTH greeting).</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>Whether the connection is encrypted (implicit TLS or STARTTLS).</summary>
    public bool IsEncrypted => connection.IsEncrypted;

    /// <summary>The greeting's text.</summary>
    public string Greeting => connection.GreetingText;

    /// <summary>The mailbox currently selected, or null.</summary>
    public SelectedMailbox? Selected => selected;

    /// <summary>
    /// Connects, reads the greeting, secures the connection as <see cref="ImapClientOptions.Security"/> says (STARTTLS
    /// fails closed), reads the capabilities again over TLS, and logs in when <see cref="ImapClientOptions.Credentials"/>
    /// is set.
    /// </summary>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static async Task<ImapClient> ConnectAsync(ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReconnectPolicy.Validate(options);
        using var activity = ConnectionTelemetry.StartConnect(options);
        try
        {
            var connection = await ImapConnection.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            return await StartAsync(connection, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionTelemetry.ConnectFailed(activity, e))
        {
            throw;
        }
    }

    /// <summary>Runs a client over an already connected stream (tests over in-memory streams use this).</summary>
    internal static async Task<ImapClient> ConnectAsync(Stream stream, ImapClientOptions options, CancellationToken cancellationToken = default)
    {
        using var activity = ConnectionTelemetry.StartConnect(options);
        try
        {
            var connection = await ImapConnection.OpenAsync(stream, options, cancellationToken).ConfigureAwait(false);
            return await StartAsync(connection, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionTelemetry.ConnectFailed(activity, e))
        {
            throw;
        }
    }

    /// <summary>
    /// The unsolicited events (new messages, expunges, flag changes by others, alerts, skipped malformed responses),
    /// in order. The reader never waits for this consumer: past <see cref="ImapClientOptions.EventCapacity"/> unread
    /// events, further ones are dropped, and once the backlog is read the consumer gets one <see cref="EventsDropped"/>
    /// in their place, before any later event: what it knows of the mailbox may be wrong, and it should resynchronise.
    /// Meant for one consumer at a time: each event goes to one enumeration only, and a second enumeration that waits
    /// while the first waits fails.
    /// </summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <exception cref="InvalidOperationException">Another enumeration is waiting for events at the same time.</exception>
    public async IAsyncEnumerable<MailboxEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            while (events.TryRead(out var change))
            {
                yield return change;
            }

            // The backlog is read: report what was dropped while it was full; only then are new events kept again.
            long lost = Interlocked.Exchange(ref droppedEvents, 0);
            if (lost > 0)
            {
                yield return new EventsDropped(lost);
            }
        }
        while (await events.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || Volatile.Read(ref droppedEvents) > 0);
    }

    /// <summary>Closes the connection (without LOGOUT; call <see cref="LogoutAsync"/> first for a polite goodbye).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopReconnectingAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        events.TryComplete();
    }

    private static async Task<ImapClient> StartAsync(ImapConnection connection, ImapClientOptions options, CancellationToken cancellationToken)
    {
        var client = new ImapClient(connection, options);
        try
        {
            if (client.Capabilities.Count == 0)
            {
                await client.CapabilityAsync(cancellationToken).ConfigureAwait(false);
            }

            if (options.Credentials is { } credentials && !client.IsAuthenticated)
            {
                await client.AuthenticateAsync(credentials, cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sees every response before it is attributed (the session state has taken its capabilities already): alerts,
    /// mod-sequences, overflowing responses.
    /// </summary>
    private void Observe(ImapResponse response)
    {
        switch (response)
        {
            case StatusResponse { Code: { Kind: ResponseCodeKind.Alert } } alert:
                Publish(new ServerAlert(alert.Text));
                break;
            case StatusResponse { Status: ResponseStatus.Ok, Code: { Kind: ResponseCodeKind.HighestModSeq } code }:
                selected?.NoteModSeq(code.Number);
                break;
            case TaggedResponse { Status: ResponseStatus.Ok, Code: { Kind: ResponseCodeKind.HighestModSeq } code }:
                selected?.NoteModSeq(code.Number);
                break;
            case FetchResponse { ModSeq: { } modSeq }:
                selected?.NoteModSeq(modSeq);
                break;
            case StatusResponse when OverflowFor(response) is { } overflow:
                Publish(overflow);
                break;
        }
    }

    private void OnUnsolicited(ImapConnection source, ImapResponse response)
    {
        switch (response)
        {
            case StatusResponse { Status: ResponseStatus.Bye } bye:
                source.Dispatcher.Shutdown(new ImapConnectionException("The server closed the session: " + bye.Text));
                break;
            default:
                if ((NotificationFor(response) ?? selected?.Apply(response)) is { } change)
                {
                    Publish(change);
                }

                break;
        }
    }

    /// <summary>
    /// Queues an event for <see cref="ReadEventsAsync"/>. While a drop is unreported, later events are dropped too, so
    /// that the consumer never sees an event from after a gap before it learns of the gap.
    /// </summary>
    private void Publish(MailboxEvent change)
    {
        if (Volatile.Read(ref droppedEvents) > 0 || !events.TryWrite(change))
        {
            connection.Telemetry.EventDropped();
            Interlocked.Increment(ref droppedEvents);
        }
    }

    /// <summary>Leaves the selected state of <paramref name="mailbox"/> (CLOSE, UNSELECT), as the command goes on the wire.</summary>
    internal void Deselect(SelectedMailbox mailbox)
    {
        Interlocked.CompareExchange(ref selected, null, mailbox);
        mailbox.Invalidate();
    }
}
