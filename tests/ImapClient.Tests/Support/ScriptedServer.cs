using System.Buffers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Imap.Tests.Support;

/// <summary>
/// The server end of an in-memory connection, driven by a test line by line: it sends exact bytes and checks exact
/// bytes, and every wait has a timeout so that a test fails with what was received instead of hanging.
/// </summary>
/// <remarks>
/// A background loop reads everything the client writes into one buffer as soon as it arrives; the read methods
/// take from that buffer in order. Text is Latin-1: one char per byte, both ways.
/// </remarks>
internal sealed class ScriptedServer : IAsyncDisposable
{
    /// <summary>How long a read waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly DuplexPipeStream connection;
    private readonly object gate = new();
    private readonly ArrayBufferWriter<byte> received = new();
    private Stream stream;
    private int position;
    private TaskCompletionSource changed = NewSignal();
    private string? endReason;
    private CancellationTokenSource pumpStop = new();
    private Task pump;
    private bool closed;

    /// <summary>Starts reading what the client writes to the other end of <paramref name="serverEnd"/>.</summary>
    public ScriptedServer(DuplexPipeStream serverEnd)
    {
        connection = serverEnd;
        stream = serverEnd;
        pump = PumpAsync(stream, pumpStop.Token);
    }

    /// <summary>Everything the client has written so far, decoded as Latin-1 (after STARTTLS: the plain text).</summary>
    public string Received
    {
        get
        {
            lock (gate)
            {
                return Encoding.Latin1.GetString(received.WrittenSpan);
            }
        }
    }

    /// <summary>Creates a connected pair: the client's end, and a scripted server on the other.</summary>
    public static (DuplexPipeStream Client, ScriptedServer Server) Create()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        return (client, new ScriptedServer(server));
    }

    /// <summary>Sends <paramref name="text"/> as Latin-1 bytes, as is: the test writes every CRLF itself.</summary>
    /// <exception cref="ArgumentException">A char above U+00FF, which has no Latin-1 byte.</exception>
    public Task SendAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int bad = text.AsSpan().IndexOfAnyExceptInRange('\0', '\u00FF');
        if (bad >= 0)
        {
            throw new ArgumentException($"Char U+{(int)text[bad]:X4} at {bad} is not Latin-1; send bytes instead.", nameof(text));
        }

        return SendAsync(Encoding.Latin1.GetBytes(text));
    }

    /// <summary>Sends <paramref name="bytes"/> as they are.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>The next line the client wrote, without its CRLF (a bare LF does not end a line).</summary>
    /// <exception cref="TimeoutException">No whole line within <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</exception>
    /// <exception cref="EndOfStreamException">The connection ended before a whole line.</exception>
    public Task<string> ReadLineAsync(TimeSpan? timeout = null) =>
        TakeAsync("a line", timeout, pending =>
        {
            int end = pending.IndexOf("\r\n"u8);
            return end < 0 ? -1 : end + 2;
        }, taken => Encoding.Latin1.GetString(taken[..^2]));

    /// <summary>The next line the client wrote, split into tag and the rest.</summary>
    /// <exception cref="FormatException">The line has no space, or starts with one.</exception>
    public async Task<ClientCommand> ReadCommandAsync(TimeSpan? timeout = null)
    {
        string line = await ReadLineAsync(timeout);
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            throw new FormatException($"Expected a tagged command, got \"{Escape(line)}\".");
        }

        return new ClientCommand(line[..space], line[(space + 1)..]);
    }

    /// <summary>The next <paramref name="count"/> bytes the client wrote, such as a literal's data.</summary>
    /// <exception cref="TimeoutException">Fewer bytes within <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</exception>
    /// <exception cref="EndOfStreamException">The connection ended first.</exception>
    public Task<byte[]> ReadBytesAsync(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return TakeAsync($"{count} bytes", timeout, pending => pending.Length >= count ? count : -1, taken => taken.ToArray());
    }

    /// <summary>
    /// Throws if the client has written anything not yet read, or the connection ended: a look at this instant, not a
    /// wait. Whatever the client might write later is for the check that follows to catch (the next command read, a
    /// NOOP's round trip).
    /// </summary>
    /// <exception cref="InvalidOperationException">Unread bytes, or the connection ended.</exception>
    public void ExpectNothingUnread()
    {
        lock (gate)
        {
            ThrowIfAnything("Expected nothing unread from the client");
        }
    }

    /// <summary>
    /// Sends <paramref name="response"/> (the tagged OK to STARTTLS) in plain text, then does the server side of a TLS
    /// handshake; later sends and reads go through TLS. Throws if the client wrote anything after its last line that
    /// was read, since that would be plain text injected before TLS (RFC 9051 §11.1).
    /// </summary>
    /// <exception cref="TimeoutException">No handshake within <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</exception>
    public async Task StartTlsAsync(string response, X509Certificate2 certificate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);

        // Stop reading plain text before the response goes out: the handshake bytes that follow it are not text.
        await pumpStop.CancelAsync();
        await pump;
        lock (gate)
        {
            if (endReason is not null)
            {
                throw new EndOfStreamException($"Cannot start TLS: {endReason}. Received so far: \"{Escape(Encoding.Latin1.GetString(received.WrittenSpan))}\".");
            }

            if (received.WrittenCount > position)
            {
                throw new InvalidOperationException($"The client wrote before TLS started: \"{Escape(Encoding.Latin1.GetString(received.WrittenSpan[position..]))}\".");
            }
        }

        await SendAsync(response);
        var tls = new SslStream(connection, leaveInnerStreamOpen: false);
        TimeSpan limit = timeout ?? DefaultTimeout;
        using (var deadline = new CancellationTokenSource(limit))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The client did not complete a TLS handshake within {limit.TotalMilliseconds:0} ms.");
            }
        }

        stream = tls;
        pumpStop.Dispose();
        pumpStop = new CancellationTokenSource();
        pump = PumpAsync(tls, pumpStop.Token);
    }

    /// <summary>Drops the connection: the client's reads throw <see cref="IOException"/>, and so do its writes.</summary>
    public void DropConnection()
    {
        lock (gate)
        {
            closed = true;
        }

        connection.Abort(new IOException("The scripted server dropped the connection."));
    }

    /// <summary>Closes the connection cleanly: the client reads the rest and then 0; its writes throw <see cref="IOException"/>.</summary>
    public async Task CloseAsync()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
        }

        if (stream is SslStream tls)
        {
            try
            {
                await tls.ShutdownAsync();
            }
            catch (IOException)
            {
                // The client may be gone already; closing goes on.
            }
        }

        await stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await pumpStop.CancelAsync();
        await pump;
        pumpStop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Shows CR, LF and other control bytes visibly in failure messages.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            _ = c switch
            {
                '\r' => sb.Append("\\r"),
                '\n' => sb.Append("\\n"),
                '\\' => sb.Append("\\\\"),
                < ' ' or (>= '\u007F' and <= '\u00A0') => sb.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private async Task PumpAsync(Stream source, CancellationToken stop)
    {
        byte[] buffer = new byte[16 * 1024];
        string reason;
        while (true)
        {
            int count;
            try
            {
                count = await source.ReadAsync(buffer, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // StartTlsAsync or DisposeAsync took over; nothing was lost.
                return;
            }
            catch (Exception ex)
            {
                // Whatever ends the connection ends the script; the pump itself never faults.
                reason = $"the connection failed ({ex.GetType().Name}: {ex.Message})";
                break;
            }

            if (count == 0)
            {
                reason = "the client closed the connection";
                break;
            }

            TaskCompletionSource signal;
            lock (gate)
            {
                received.Write(buffer.AsSpan(0, count));
                signal = changed;
                changed = NewSignal();
            }

            signal.SetResult();
        }

        TaskCompletionSource last;
        lock (gate)
        {
            endReason = closed ? "the server closed the connection" : reason;
            last = changed;
            changed = NewSignal();
        }

        last.SetResult();
    }

    /// <summary>
    /// Waits until <paramref name="measure"/> finds a whole item at the start of the unread bytes (its length, or -1),
    /// then takes it and converts it with <paramref name="convert"/>.
    /// </summary>
    private async Task<T> TakeAsync<T>(string what, TimeSpan? timeout, Func<ReadOnlySpan<byte>, int> measure, ConvertTaken<T> convert)
    {
        TimeSpan limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                ReadOnlySpan<byte> pending = received.WrittenSpan[position..];
                int length = measure(pending);
                if (length >= 0)
                {
                    position += length;
                    return convert(pending[..length]);
                }

                string sofar = Escape(Encoding.Latin1.GetString(received.WrittenSpan));
                if (endReason is not null)
                {
                    throw new EndOfStreamException($"Waiting for {what}: {endReason}. Received so far: \"{sofar}\".");
                }

                if (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"Waited {limit.TotalMilliseconds:0} ms for {what} from the client. Received so far: \"{sofar}\".");
                }

                signal = changed.Task;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                // One more look under the lock, then the timeout above.
            }
        }
    }

    private void ThrowIfAnything(string expectation)
    {
        if (received.WrittenCount > position)
        {
            throw new InvalidOperationException(
                $"{expectation}, but it wrote \"{Escape(Encoding.Latin1.GetString(received.WrittenSpan[position..]))}\".");
        }

        if (endReason is not null)
        {
            throw new InvalidOperationException($"{expectation}, but {endReason}.");
        }
    }

    private delegate T ConvertTaken<T>(ReadOnlySpan<byte> taken);
}
