using System.Net;
using System.Net.Sockets;

namespace Imap.IntegrationTests;

/// <summary>A loopback TCP server that sends back every byte it reads, for the tests of the test proxies.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly Task accepting;

    private EchoServer()
    {
        listener.Start();
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public static EchoServer Start() => new();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] running;
        lock (connections)
        {
            running = [.. connections];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient accepted;
            try
            {
                accepted = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.Add(EchoAsync(accepted));
            }
        }
    }

    private async Task EchoAsync(TcpClient accepted)
    {
        using (accepted)
        {
            accepted.NoDelay = true;
            var stream = accepted.GetStream();
            try
            {
                await stream.CopyToAsync(stream, stopping.Token);
                accepted.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // Stopped, or the proxy closed the connection.
            }
        }
    }
}
