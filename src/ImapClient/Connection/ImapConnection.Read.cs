using System.Buffers;
using System.IO.Pipelines;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Connection;

/// <summary>The reader side: greeting, STARTTLS, and the reader loop.</summary>
internal sealed partial class ImapConnection
{
    /// <summary>Reads and checks the greeting (OK or PREAUTH), and returns it.</summary>
    private async Task<StatusResponse> ReadGreetingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.GreetingTimeout);
        ImapResponse response;
        try
        {
            response = await ReadOneAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImapTimeoutException($"The server sent no greeting within {options.GreetingTimeout}.", e);
        }

        switch (response)
        {
            case StatusResponse { Status: ResponseStatus.Ok or ResponseStatus.PreAuth } greeting:
                if (greeting.Status == ResponseStatus.PreAuth && options.Security == ImapSecurity.StartTls)
                {
                    // Already authenticated in plaintext: STARTTLS is no longer possible (RFC 9051 §6.2.1).
                    throw new ImapConnectionException("The server greeted with PREAUTH on an unencrypted connection, but TLS is required.");
                }

                GreetingText = greeting.Text;
                IsPreAuthenticated = greeting.Status == ResponseStatus.PreAuth;

                // Capabilities sent before STARTTLS cannot be trusted (RFC 9051 §6.2.1); they are read again over TLS.
                if (options.Security != ImapSecurity.StartTls && greeting.Code is { Kind: ResponseCodeKind.Capability } code)
                {
                    Session.SetCapabilities(code.Atoms);
                }

                return greeting;
            case StatusResponse { Status: ResponseStatus.Bye } bye:
                throw new ImapConnectionException("The server refused the connection: " + bye.Text);
            default:
                throw new ImapProtocolException("The server's first response is not a greeting.");
        }
    }

    private async Task StartTlsAsync(StatusResponse greeting, CancellationToken cancellationToken)
    {
        var capabilities = greeting.Code?.Kind == ResponseCodeKind.Capability ? greeting.Code.Atoms : null;
        if (capabilities is null)
        {
            Trace.Sent("S0 CAPABILITY\r\n"u8, secret: false);
            await output.WriteAsync("S0 CAPABILITY\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            capabilities = [];
            while (await ReadOneAsync(cancellationToken).ConfigureAwait(false) is var response && response is not TaggedResponse)
            {
                if (response is CapabilityResponse c)
                {
                    capabilities = c.Capabilities;
                }
            }
        }

        if (!capabilities.Contains("STARTTLS", StringComparer.OrdinalIgnoreCase))
        {
            throw new ImapConnectionException("TLS is required but the server does not offer STARTTLS; the connection was not used.");
        }

        Trace.Sent("S1 STARTTLS\r\n"u8, secret: false);
        await output.WriteAsync("S1 STARTTLS\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var response = await ReadOneAsync(cancellationToken).ConfigureAwait(false);
            if (response is TaggedResponse tagged)
            {
                if (tagged.Tag != "S1" || tagged.Status != ResponseStatus.Ok)
                {
                    throw new ImapConnectionException($"The server refused STARTTLS ({tagged.Status} {tagged.Text}); the connection was not used.");
                }

                break;
            }

            if (response is ContinuationResponse)
            {
                throw new ImapProtocolException("The server answered STARTTLS with a continuation request.");
            }
        }

        // Anything the server sent after its OK and before the handshake could have been injected by an attacker in
        // the plaintext phase (the STARTTLS command injection class of bugs): refuse to go on.
        if (input.TryRead(out var pending))
        {
            long extra = pending.Buffer.Length;
            input.AdvanceTo(pending.Buffer.Start);
            if (extra > 0)
            {
                throw new ImapProtocolException($"The server sent {extra} bytes after the STARTTLS OK, before the TLS handshake.");
            }
        }

        await input.CompleteAsync().ConfigureAwait(false);
        stream = await AuthenticateTlsAsync(stream, options, cancellationToken).ConfigureAwait(false);
        output.Stream = stream;
        input = PipeReader.Create(stream, ReadOptions);
    }

    /// <summary>Reads exactly one response before the reader loop runs (no streaming bodies are expected here).</summary>
    private async Task<ImapResponse> ReadOneAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var e = responses.TryRead(buffer, out long consumed);
            Telemetry.Received(consumed);
            if (e.Kind == ResponseEventKind.Response)
            {
                // Before AdvanceTo: the frame's memory belongs to the pipe after it.
                Trace.Received(e.Frame, secret: false);
            }

            input.AdvanceTo(buffer.GetPosition(consumed), e.Kind == ResponseEventKind.NeedMoreData ? buffer.End : buffer.GetPosition(consumed));
            switch (e.Kind)
            {
                case ResponseEventKind.Response:
                    return e.Response!;
                case ResponseEventKind.NeedMoreData when read.IsCompleted:
                    throw new ImapConnectionException("The server closed the connection.");
                case ResponseEventKind.NeedMoreData:
                    continue;
                case ResponseEventKind.Fatal:
                    throw new ImapProtocolException("The server's response could not be framed: " + e.FrameError + ".");
                default:
                    throw new ImapProtocolException("Malformed response before the session started: " + e.Error.Message + ".");
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync().ConfigureAwait(false);
                Dispatcher.NoteReceived();
                var buffer = read.Buffer;
                long total = 0;
                bool needMore = false;
                ReadBatch.Begin();
                while (!needMore)
                {
                    var rest = buffer.Slice(total);
                    var e = responses.TryRead(rest, out long consumed);

                    // Counted before the event is handled: a caller woken by a completion sees its bytes counted.
                    Telemetry.Received(consumed);
                    if (Handle(e))
                    {
                        return;
                    }

                    total += consumed;
                    needMore = e.Kind == ResponseEventKind.NeedMoreData && consumed == 0;
                    if (compressionPending)
                    {
                        break;
                    }
                }

                ReadBatch.End();

                if (compressionPending)
                {
                    // Everything after the COMPRESS OK is compressed, including what this read already brought.
                    var compressed = buffer.Slice(total);
                    var copy = new ReadOnlySequence<byte>(compressed.ToArray());
                    input.AdvanceTo(buffer.End);
                    await SwitchInputToDeflateAsync(copy).ConfigureAwait(false);
                    continue;
                }

                input.AdvanceTo(buffer.GetPosition(total), buffer.End);
                if (read.IsCompleted)
                {
                    failure = new ImapConnectionException("The server closed the connection.");
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // Whatever ends the loop (a socket error, corrupt DEFLATE data, a bug) ends the connection with its cause.
            failure = new ImapConnectionException("The connection failed: " + e.Message, e);
        }
        finally
        {
            ReadBatch.End();
            Dispatcher.Shutdown(failure ?? new ImapConnectionException("The connection is closed."));
        }
    }

    /// <summary>Routes one event; returns true when the loop must stop.</summary>
    private bool Handle(in ResponseEvent e)
    {
        switch (e.Kind)
        {
            case ResponseEventKind.Response:
                Session.Observe(e.Response!);
                events?.OnObserved(e.Response!);
                Dispatcher.OnResponse(e.Response!, e.Frame);
                return false;
            case ResponseEventKind.BodyStart:
                Dispatcher.OnBodyStart(e.Fetch!, e.Body);
                return false;
            case ResponseEventKind.BodyData:
                Dispatcher.OnBodyData(e.Data);
                return false;
            case ResponseEventKind.BodyEnd:
                Dispatcher.OnBodyEnd();
                return false;
            case ResponseEventKind.Malformed:
                Telemetry.Malformed();
                Dispatcher.OnMalformed(e.Frame, e.Error);
                if (e.Dropped is { } dropped)
                {
                    Dispatcher.OnDropped(dropped);
                }

                events?.OnMalformed(e.Error);
                return false;
            case ResponseEventKind.Fatal:
                Dispatcher.Shutdown(new ImapProtocolException("Lost the framing of the server's responses: " + e.FrameError + "."));
                return true;
            default:
                return false;
        }
    }
}
