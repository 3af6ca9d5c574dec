using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Imap.Tests.Support;

/// <summary>
/// A tiny HTTP server on loopback that answers every GET with one CRL (<see cref="Crl"/>), so that online revocation checking runs for
/// real without leaving the machine. Counts the requests, so a test can tell the client really asked.
/// </summary>
internal sealed class CrlServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int requests;

    public CrlServer()
    {
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/root.crl");
        loop = ServeAsync();
    }

    /// <summary>The CRL served (DER); set once the certificates it lists exist, which name <see cref="Url"/>.</summary>
    public byte[] Crl { get; set; } = [];

    /// <summary>Where the CRL is served.</summary>
    public Uri Url { get; }

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>A loopback URL where nothing listens: a CRL server that cannot be reached.</summary>
    public static Uri Unreachable()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/root.crl");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int read = await stream.ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    break;
                }

                request.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            // Counted before answering: the client may act on the answer before this loop runs again.
            Interlocked.Increment(ref requests);
            byte[] crl = Crl;
            byte[] head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {crl.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, stop.Token);
            await stream.WriteAsync(crl, stop.Token);
        }
    }
}
