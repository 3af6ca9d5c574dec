using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;
using Imap.Telemetry;

namespace Imap.Connection;

/// <summary>
/// One connection: the transport (TCP, TLS, STARTTLS), the greeting, and the single reader loop that feeds the
/// <see cref="Dispatcher"/> (docs/design.md, data flow). Everything before the reader loop starts (greeting, STARTTLS) is
/// read directly, so that the switch to TLS happens with nothing read ahead.
/// </summary>
internal sealed partial class ImapConnection : IAsyncDisposable, IDispatchEvents
{
    private readonly ImapClientOptions options;
    private readonly ResponseReader responses;
    private readonly StreamOutput output;
    private Stream stream;
    private PipeReader input;
    private IConnectionEvents? events;
    private Task? readLoop;
    private int disposed;

    /// <summary>
    /// How the connection reads: zero-byte reads first, so that a connection waiting for the server holds no buffer
    /// (an idle connection costs no read buffer), then reads of up to 64 KiB. With 4 KiB reads (the default) a bulk
    /// fetch without TLS took about 30 % more CPU: a read, a wake-up and a pass of the reader loop per 4 KiB
    /// (docs/benchmarks.md). Over TLS each read returns at most a record of 16 KiB whatever the size.
    /// </summary>
    private static readonly StreamPipeReaderOptions ReadOptions =
        new(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true, useZeroByteReads: true);

    private ImapConnection(Stream stream, ImapClientOptions options)
    {
        this.stream = stream;
        this.options = options;
        responses = new ResponseReader(options.Limits, Session);
        input = PipeReader.Create(stream, ReadOptions);
        Telemetry = new ConnectionTelemetry(options.Host, options.EffectivePort);
        output = new StreamOutput(stream) { Telemetry = Telemetry };
        Trace = options.Logger is { } logger ? new ProtocolTrace(logger) : ProtocolTrace.None;
        Dispatcher = new Dispatcher(output, Session, this)
        {
            SilenceTimeout = options.ServerSilenceTimeout,
            CommandTimeout = options.CommandTimeout,
            Trace = Trace,
            Telemetry = Telemetry,
        };
        Telemetry.Opened();
    }

    public Dispatcher Dispatcher { get; }

    /// <summary>
    /// What this connection's session has agreed on (capabilities, enabled extensions, UTF-8), shared by the parser,
    /// the dispatcher and the client. The greeting's capabilities are in it already unless STARTTLS followed them.
    /// </summary>
    public SessionState Session { get; } = new();

    /// <summary>The connection's metrics (docs/telemetry.md).</summary>
    public ConnectionTelemetry Telemetry { get; }

    /// <summary>The protocol trace (<see cref="ImapClientOptions.Logger"/>).</summary>
    public ProtocolTrace Trace { get; }

    /// <summary>The greeting's text (the rest of the greeting is not kept: its capabilities are in <see cref="Session"/>).</summary>
    public string GreetingText { get; private set; } = string.Empty;

    /// <summary>Whether the server greeted with PREAUTH: the session is authenticated already.</summary>
    public bool IsPreAuthenticated { get; private set; }

    public bool IsEncrypted => stream is SslStream;

    /// <summary>Opens a TCP connection (and TLS when implicit), reads the greeting and performs STARTTLS if required.</summary>
    public static async Task<ImapConnection> OpenAsync(ImapClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EnableKeepAlive(socket);
        Stream stream;
        try
        {
            await socket.ConnectAsync(options.Host, options.EffectivePort, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Security == ImapSecurity.ImplicitTls)
            {
                stream = await AuthenticateTlsAsync(stream, options, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ImapTimeoutException($"Connecting to {options.Host}:{options.EffectivePort} took longer than {options.ConnectTimeout}.", e);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            socket.Dispose();
            throw new ImapConnectionException($"Could not connect to {options.Host}:{options.EffectivePort}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await OpenAsync(stream, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the protocol over an already connected stream (implicit TLS already done if wanted): greeting, then
    /// STARTTLS when <see cref="ImapSecurity.StartTls"/> is required. The reader loop waits for <see cref="Start"/>.
    /// </summary>
    public static async Task<ImapConnection> OpenAsync(Stream stream, ImapClientOptions options, CancellationToken cancellationToken)
    {
        var connection = new ImapConnection(stream, options);
        try
        {
            var greeting = await connection.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
            if (options.Security == ImapSecurity.StartTls)
            {
                await connection.StartTlsAsync(greeting, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the reader loop, which tells <paramref name="listener"/> what it reads. Called once.</summary>
    public void Start(IConnectionEvents listener)
    {
        if (Interlocked.CompareExchange(ref events, listener, null) is not null)
        {
            throw new InvalidOperationException("The connection has started already.");
        }

        readLoop = ConnectionTelemetry.RunDetached(ReadLoopAsync);
    }

    /// <inheritdoc/>
    void IDispatchEvents.OnUnsolicited(ImapResponse response) => events?.OnUnsolicited(response);

    /// <summary>The dispatcher faulted: close the transport, then tell the client.</summary>
    void IDispatchEvents.OnFaulted(Exception error)
    {
        Close();
        events?.OnFaulted(error);
    }

    /// <summary>Closes the transport; the reader loop ends and everything pending fails.</summary>
    public void Close()
    {
        Telemetry.Closed();
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken connection may itself fail; it is closed either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Dispatcher.Shutdown(new ImapConnectionException("The client was disposed."));
        Dispatcher.Dispose();
        Close();
        if (readLoop is not null)
        {
            await readLoop.ConfigureAwait(false);
        }

        await input.CompleteAsync().ConfigureAwait(false);
        ReleaseCompression();
    }

    private static async Task<SslStream> AuthenticateTlsAsync(Stream inner, ImapClientOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = options.Host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        var check = new CertificateCheck(options);
        check.Apply(authentication);
        try
        {
            await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e) when (check.ToException(e) is { } rejected)
        {
            // SslStream only says that "the callback" refused; say which problem it was and what would change it.
            await tls.DisposeAsync().ConfigureAwait(false);
            throw rejected;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return tls;
    }

    /// <summary>
    /// TCP keep-alive: a peer that vanished while nothing was being sent (an IDLE on a dead NAT mapping) is noticed in
    /// about two minutes instead of never: first probe after 60 s of silence, then every 15 s, 4 probes.
    /// </summary>
    private static void EnableKeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 15);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 4);
        }
        catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
        {
            // The platform's keep-alive timing then applies; keep-alive itself is on.
        }
    }
}
