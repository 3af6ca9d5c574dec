using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Imap.Benchmarks;

/// <summary>
/// A loopback server that only swallows: in IMAP mode it greets (LITERAL+), drains every literal and answers each
/// command "tag OK done"; in raw mode it drains a given number of bytes and answers one byte. It keeps nothing, so
/// what the upload benchmarks measure is the client's sending.
/// </summary>
internal sealed class UploadSink : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly long rawLength;

    /// <summary>Starts the sink: raw mode when <paramref name="rawLength"/> is positive, else IMAP mode.</summary>
    public UploadSink(long rawLength = 0)
    {
        this.rawLength = rawLength;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            socket.NoDelay = true;
            _ = rawLength > 0 ? DrainRawAsync(socket) : ServeImapAsync(socket);
        }
    }

    private async Task DrainRawAsync(Socket socket)
    {
        using var owned = socket;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            while (true)
            {
                long left = rawLength;
                while (left > 0)
                {
                    int n = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    left -= n;
                }

                await socket.SendAsync("!"u8.ToArray(), stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ServeImapAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        byte[] buffer = new byte[256 * 1024];
        int start = 0, end = 0;
        await stream.WriteAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] sink ready\r\n"u8.ToArray(), stop.Token);
        try
        {
            string? tag = null;
            while (true)
            {
                int lf = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (lf < 0)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                    int n = await stream.ReadAsync(buffer.AsMemory(end), stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    end += n;
                    continue;
                }

                string line = Encoding.ASCII.GetString(buffer, start, lf + 1 - start).TrimEnd('\r', '\n');
                start = lf + 1;
                tag ??= line[..line.IndexOf(' ', StringComparison.Ordinal)];
                if (line.EndsWith('}'))
                {
                    int open = line.LastIndexOf('{');
                    bool sync = line[^2] != '+';
                    long left = long.Parse(line.AsSpan(open + 1, line.Length - open - (sync ? 2 : 3)), CultureInfo.InvariantCulture);
                    if (sync)
                    {
                        await stream.WriteAsync("+ go\r\n"u8.ToArray(), stop.Token);
                    }

                    long buffered = Math.Min(left, end - start);
                    start += (int)buffered;
                    left -= buffered;
                    while (left > 0)
                    {
                        int n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), stop.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        left -= n;
                    }

                    if (start >= end)
                    {
                        start = end = 0;
                    }

                    continue;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{tag} OK [APPENDUID 1 1] done\r\n"), stop.Token);
                tag = null;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }
}
