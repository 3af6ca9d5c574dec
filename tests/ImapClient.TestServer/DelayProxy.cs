using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Imap.TestServer;

/// <summary>
/// A TCP proxy on 127.0.0.1 that adds a fixed one-way latency in each direction, so benchmarks against the local
/// Dovecot can see what a network round trip costs: each chunk read is written to the other side
/// <see cref="OneWayDelay"/> after it was read, in order.
/// </summary>
/// <remarks>
/// <para>It adds latency, not a bandwidth limit: reading goes on while earlier chunks wait, so pipelined commands
/// overlap their delays the way they would on a real link. A direction buffers at most
/// <see cref="MaxChunksInFlight"/> chunks before reading pauses.</para>
/// <para>Delays are waited with <see cref="Task.Delay(TimeSpan)"/> against <see cref="Stopwatch"/> timestamps and
/// are never short; they may be long by the timer's resolution (about a millisecond on Linux, up to ~15 ms on
/// Windows), which suits the 5 ms one-way it is meant for.</para>
/// <para>An end of stream is passed on after the data before it (a half close); once both directions have ended the
/// connection is closed. A reset or error on either side closes both at once.</para>
/// </remarks>
public sealed class DelayProxy : IAsyncDisposable
{
    /// <summary>Chunks a direction holds before it stops reading from its source.</summary>
    public const int MaxChunksInFlight = 256;

    private const int ChunkSize = 64 * 1024;

    private readonly TcpListener listener;
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly HashSet<Connection> connections = [];
    private readonly Task accepting;
    private int disposed;
    private long bytesToServer;
    private long bytesToClient;
    private long clientTurns;
    private int serverSpokeLast = 1;

    private DelayProxy(IPEndPoint target, TimeSpan oneWayDelay)
    {
        this.target = target;
        OneWayDelay = oneWayDelay;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        accepting = AcceptAsync();
    }

    /// <summary>Where clients connect: 127.0.0.1 and a port chosen by the system.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The latency added to each direction; a round trip gains twice this.</summary>
    public TimeSpan OneWayDelay { get; }

    /// <summary>Bytes read from clients and passed on to the target, over every connection so far.</summary>
    public long BytesToServer => Interlocked.Read(ref bytesToServer);

    /// <summary>Bytes read from the target and passed on to clients, over every connection so far.</summary>
    public long BytesToClient => Interlocked.Read(ref bytesToClient);

    /// <summary>
    /// Client turns: how many times a client sent bytes after the server had sent some since the client last did (the
    /// first chunk of a connection counts too). With one connection through the proxy, this counts the round trips
    /// the client waited for; bytes a pipelining client sends while answers are already flowing count as a turn too,
    /// so it is an upper bound.
    /// </summary>
    public long ClientTurns => Interlocked.Read(ref clientTurns);

    /// <summary>Starts listening; each accepted connection is joined to a new connection to <paramref name="target"/>.</summary>
    public static DelayProxy Start(IPEndPoint target, TimeSpan oneWayDelay)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(oneWayDelay, TimeSpan.Zero);
        return new DelayProxy(target, oneWayDelay);
    }

    /// <summary>Stops listening and closes every connection, both sides.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        await accepting.ConfigureAwait(false);

        Connection[] open;
        lock (gate)
        {
            open = [.. connections];
        }

        foreach (var connection in open)
        {
            connection.Close();
        }

        await Task.WhenAll(open.Select(c => c.Running)).ConfigureAwait(false);
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
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped; a failed accept on a live listener is not expected on loopback either.
                return;
            }

            client.NoDelay = true;
            var connection = new Connection(client, target.AddressFamily);
            lock (gate)
            {
                if (stopping.IsCancellationRequested)
                {
                    connection.Dispose();
                    return;
                }

                connections.Add(connection);
                connection.Running = RunAsync(connection);
            }
        }
    }

    private async Task RunAsync(Connection connection)
    {
        // Leave the accept loop at once; the connection runs on its own.
        await Task.Yield();
        try
        {
            await connection.Server.ConnectAsync(target, connection.Closing).ConfigureAwait(false);
            using var clientStream = new NetworkStream(connection.Client, ownsSocket: false);
            using var serverStream = new NetworkStream(connection.Server, ownsSocket: false);
            await Task.WhenAll(
                ForwardAsync(connection, clientStream, connection.Server, serverStream, toServer: true),
                ForwardAsync(connection, serverStream, connection.Client, clientStream, toServer: false)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The target refused, or the proxy is stopping; the connection closes below.
        }
        finally
        {
            lock (gate)
            {
                connections.Remove(connection);
            }

            connection.Dispose();
        }
    }

    /// <summary>One direction: a reader that stamps and queues chunks, and a writer that sends each when it is due.</summary>
    private async Task ForwardAsync(Connection connection, NetworkStream from, Socket toSocket, NetworkStream to, bool toServer)
    {
        var queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxChunksInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        try
        {
            await Task.WhenAll(
                CloseOnFailureAsync(connection, ReadAsync(from, queue.Writer, toServer, connection.Closing)),
                CloseOnFailureAsync(connection, WriteAsync(queue.Reader, to, toSocket, connection.Closing))).ConfigureAwait(false);
        }
        finally
        {
            while (queue.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }

    /// <summary>A reset or error on either side, or in either direction, closes the whole connection at once.</summary>
    private static async Task CloseOnFailureAsync(Connection connection, Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException or ChannelClosedException)
        {
            connection.Close();
        }
    }

    private async Task ReadAsync(NetworkStream from, ChannelWriter<Chunk> queue, bool toServer, CancellationToken closing)
    {
        try
        {
            while (true)
            {
                // Pooled buffers: the benchmarks that run this proxy in process measure allocations.
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int count;
                try
                {
                    count = await from.ReadAsync(buffer, closing).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (count == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    queue.TryComplete();
                    return;
                }

                Count(toServer, count);
                var chunk = new Chunk(buffer, count, Stopwatch.GetTimestamp());
                if (!queue.TryWrite(chunk))
                {
                    try
                    {
                        await queue.WriteAsync(chunk, closing).ConfigureAwait(false);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw;
                    }
                }
            }
        }
        catch (Exception ex)
        {
            queue.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Adds a chunk to the traffic counters.</summary>
    private void Count(bool toServer, int count)
    {
        if (toServer)
        {
            Interlocked.Add(ref bytesToServer, count);
            if (Interlocked.Exchange(ref serverSpokeLast, 0) == 1)
            {
                Interlocked.Increment(ref clientTurns);
            }
        }
        else
        {
            Interlocked.Add(ref bytesToClient, count);
            Volatile.Write(ref serverSpokeLast, 1);
        }
    }

    private async Task WriteAsync(ChannelReader<Chunk> queue, NetworkStream to, Socket toSocket, CancellationToken closing)
    {
        while (await queue.WaitToReadAsync(closing).ConfigureAwait(false))
        {
            while (queue.TryRead(out var chunk))
            {
                try
                {
                    await WaitUntilDueAsync(chunk.ReadAt, closing).ConfigureAwait(false);
                    await to.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Count), closing).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }
        }

        // The source ended cleanly and everything before its end has been sent: pass the end on.
        toSocket.Shutdown(SocketShutdown.Send);
    }

    private async Task WaitUntilDueAsync(long readAt, CancellationToken closing)
    {
        while (true)
        {
            TimeSpan left = OneWayDelay - Stopwatch.GetElapsedTime(readAt);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            // Task.Delay truncates to whole milliseconds; rounding up keeps a delay from ever being short.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), closing).ConfigureAwait(false);
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Count, long ReadAt);

    /// <summary>An accepted client socket and its socket to the target.</summary>
    private sealed class Connection(Socket client, AddressFamily targetFamily) : IDisposable
    {
        private readonly CancellationTokenSource closing = new();
        private int closed;

        public Socket Client { get; } = client;

        public Socket Server { get; } = new(targetFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

        /// <summary>Cancelled by <see cref="Close"/>.</summary>
        public CancellationToken Closing => closing.Token;

        public Task Running { get; set; } = Task.CompletedTask;

        /// <summary>Closes both sockets, which ends every operation on them.</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref closed, 1) != 0)
            {
                return;
            }

            closing.Cancel();
            Client.Dispose();
            Server.Dispose();
        }

        /// <summary>Closes, and frees what is left; only once nothing runs on the connection any more.</summary>
        public void Dispose()
        {
            Close();
            closing.Dispose();
        }
    }
}
