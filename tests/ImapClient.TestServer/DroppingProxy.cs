using System.Net;
using System.Net.Sockets;

namespace Imap.TestServer;

/// <summary>
/// A TCP proxy on 127.0.0.1 that a test can break on command: <see cref="DropAll"/> cuts every connection (with a reset
/// or an orderly close), <see cref="Freeze"/> makes every link go silent without closing it (a dead router), and
/// <see cref="RefuseConnections"/> turns new connections away. Bytes pass unchanged and at once otherwise. For the
/// tests of connection loss and reconnecting.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private const int ChunkSize = 16 * 1024;

    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly HashSet<Link> links = [];
    private readonly Task accepting;
    private long bytesFromClients;
    private long bytesFromServer;
    private int accepted;
    private volatile bool frozen;
    private int disposed;

    private DroppingProxy(IPEndPoint target)
    {
        this.target = target;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        accepting = AcceptAsync();
    }

    /// <summary>Where clients connect: 127.0.0.1 and a port chosen by the system.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections accepted so far (refused ones included).</summary>
    public int AcceptedConnections => Volatile.Read(ref accepted);

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (gate)
            {
                return links.Count;
            }
        }
    }

    /// <summary>Bytes read from clients so far, passed on or (while frozen) swallowed.</summary>
    public long BytesFromClients => Interlocked.Read(ref bytesFromClients);

    /// <summary>Bytes read from the target so far, passed on or (while frozen) swallowed.</summary>
    public long BytesFromServer => Interlocked.Read(ref bytesFromServer);

    /// <summary>When set, a new connection is accepted and closed at once (with a reset), before any byte passes.</summary>
    public bool RefuseConnections { get; set; }

    /// <summary>Whether the links are frozen (see <see cref="Freeze"/>).</summary>
    public bool IsFrozen => frozen;

    /// <summary>Starts listening; each accepted connection is joined to a new connection to <paramref name="target"/>.</summary>
    /// <param name="target">Where to connect.</param>
    public static DroppingProxy Start(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new DroppingProxy(target);
    }

    /// <summary>
    /// Cuts every open connection, both sides, now. With <paramref name="reset"/> the sockets are closed with a TCP reset
    /// (the peer's next read or write fails), without it with an orderly close (the peer reads end of stream).
    /// New connections are still accepted unless <see cref="RefuseConnections"/> is set.
    /// </summary>
    /// <param name="reset">Reset rather than close.</param>
    /// <returns>How many connections were cut.</returns>
    public int DropAll(bool reset = true)
    {
        Link[] open;
        lock (gate)
        {
            open = [.. links];
            links.Clear();
        }

        foreach (var link in open)
        {
            link.Close(reset);
        }

        frozen = false;
        return open.Length;
    }

    /// <summary>
    /// From now on, bytes read from either side are swallowed: the connections stay open, but nothing more arrives
    /// anywhere, as when a link dies silently. <see cref="Thaw"/> lets later bytes pass again; <see cref="DropAll"/> ends it too.
    /// </summary>
    public void Freeze() => frozen = true;

    /// <summary>Lets bytes pass again after <see cref="Freeze"/> (those swallowed meanwhile are lost).</summary>
    public void Thaw() => frozen = false;

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await accepting.ConfigureAwait(false);
        Task[] running;
        lock (gate)
        {
            running = [.. links.Select(l => l.Running)];
        }

        DropAll(reset: false);
        await Task.WhenAll(running).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped (the listener throws InvalidOperationException once stopped).
                return;
            }

            Interlocked.Increment(ref accepted);
            client.NoDelay = true;
            if (RefuseConnections)
            {
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var link = new Link(client, new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });
            lock (gate)
            {
                links.Add(link);
                link.Running = RunAsync(link);
            }
        }
    }

    private async Task RunAsync(Link link)
    {
        await Task.Yield();
        try
        {
            await link.Server.ConnectAsync(target, stopping.Token).ConfigureAwait(false);
            await Task.WhenAll(
                PumpAsync(link, link.Client, link.Server, fromClient: true),
                PumpAsync(link, link.Server, link.Client, fromClient: false)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The target refused, or the proxy is stopping.
        }
        finally
        {
            link.Close(reset: false);
            lock (gate)
            {
                links.Remove(link);
            }
        }
    }

    /// <summary>One direction: passes what it reads on (or swallows it while frozen); an end is passed on as a half close.</summary>
    private async Task PumpAsync(Link link, Socket from, Socket to, bool fromClient)
    {
        byte[] buffer = new byte[ChunkSize];
        try
        {
            while (true)
            {
                int count = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token).ConfigureAwait(false);
                if (count == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                Interlocked.Add(ref fromClient ? ref bytesFromClients : ref bytesFromServer, count);
                if (!frozen)
                {
                    await to.SendAsync(buffer.AsMemory(0, count), SocketFlags.None, stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            link.Close(reset: false);
        }
    }

    /// <summary>A client socket and its socket to the target.</summary>
    private sealed class Link(Socket client, Socket server)
    {
        private int closed;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        public Task Running { get; set; } = Task.CompletedTask;

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref closed, 1) != 0)
            {
                return;
            }

            foreach (var socket in new[] { Client, Server })
            {
                try
                {
                    if (reset)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }
                    else if (socket.Connected)
                    {
                        socket.Shutdown(SocketShutdown.Both);
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Already gone.
                }

                socket.Dispose();
            }
        }
    }
}
