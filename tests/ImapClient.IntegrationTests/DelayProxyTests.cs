using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>The latency proxy used by the benchmarks, tested against its own loopback echo server.</summary>
public sealed class DelayProxyTests
{
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(5);

    /// <summary>Bounds every wait so that a broken proxy fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public async Task An_echo_round_trip_takes_at_least_twice_the_one_way_delay()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = DelayProxy.Start(echo.EndPoint, OneWay);
        using var client = await ConnectAsync(proxy.EndPoint);
        using var stream = client.GetStream();

        var clock = Stopwatch.StartNew();
        await stream.WriteAsync("A1 NOOP\r\n"u8.ToArray());
        byte[] echoed = await ReadExactlyAsync(stream, 9);
        clock.Stop();

        Assert.That(Encoding.ASCII.GetString(echoed), Is.EqualTo("A1 NOOP\r\n"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(2 * OneWay));
    }

    [Test]
    public async Task A_megabyte_comes_back_intact_and_in_order_followed_by_the_end()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = DelayProxy.Start(echo.EndPoint, OneWay);
        using var client = await ConnectAsync(proxy.EndPoint);
        using var stream = client.GetStream();
        var sent = new byte[1024 * 1024];
        new Random(20240607).NextBytes(sent);

        // Write in uneven pieces while reading, or the loopback buffers fill and both sides wait on each other.
        var writing = Task.Run(async () =>
        {
            var sizes = new Random(7);
            for (int offset = 0; offset < sent.Length;)
            {
                int size = Math.Min(sizes.Next(1, 20_000), sent.Length - offset);
                await stream.WriteAsync(sent.AsMemory(offset, size));
                offset += size;
            }

            client.Client.Shutdown(SocketShutdown.Send);
        });
        byte[] received = await ReadToEndAsync(stream);
        await writing.WaitAsync(Limit);

        Assert.That(received, Has.Length.EqualTo(sent.Length));
        Assert.That(received, Is.EqualTo(sent));
    }

    [Test]
    public async Task Pipelined_writes_share_the_delay_instead_of_waiting_for_each_other()
    {
        const int Count = 100;
        await using var echo = EchoServer.Start();
        await using var proxy = DelayProxy.Start(echo.EndPoint, OneWay);
        using var client = await ConnectAsync(proxy.EndPoint);
        using var stream = client.GetStream();
        var messages = Enumerable.Range(1, Count).Select(i => $"A{i:000} NOOP\r\n").ToArray();
        int total = messages.Sum(m => m.Length);

        var clock = Stopwatch.StartNew();
        foreach (string message in messages)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(message));
        }

        byte[] echoed = await ReadExactlyAsync(stream, total);
        clock.Stop();

        Assert.That(Encoding.ASCII.GetString(echoed), Is.EqualTo(string.Concat(messages)));

        // Stop-and-wait would take at least Count round trips of 2 * OneWay; half of that is a generous bound.
        Assert.That(clock.Elapsed, Is.LessThan(Count * 2 * OneWay / 2));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(2 * OneWay));
    }

    [Test]
    public async Task Closing_the_target_side_closes_the_client_side()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var proxy = DelayProxy.Start((IPEndPoint)listener.LocalEndpoint, OneWay);
        using var client = await ConnectAsync(proxy.EndPoint);
        using var stream = client.GetStream();

        using (var accepted = await listener.AcceptTcpClientAsync().WaitAsync(Limit))
        {
            await accepted.GetStream().WriteAsync("* BYE\r\n"u8.ToArray());
        }

        Assert.That(Encoding.ASCII.GetString(await ReadToEndAsync(stream)), Is.EqualTo("* BYE\r\n"));
    }

    [Test]
    public async Task Disposing_the_proxy_closes_its_client_connections()
    {
        await using var echo = EchoServer.Start();
        var proxy = DelayProxy.Start(echo.EndPoint, OneWay);
        using var client = await ConnectAsync(proxy.EndPoint);
        using var stream = client.GetStream();
        await stream.WriteAsync("ping"u8.ToArray());
        Assert.That(await ReadExactlyAsync(stream, 4), Is.EqualTo("ping"u8.ToArray()));

        await proxy.DisposeAsync().AsTask().WaitAsync(Limit);

        Assert.That(await ReadOutcomeAsync(stream), Is.EqualTo("closed"));
        Assert.That(() => ConnectAsync(proxy.EndPoint), Throws.InstanceOf<SocketException>());
    }

    private static async Task<TcpClient> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endPoint).WaitAsync(Limit);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Limit);
        return buffer;
    }

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all).WaitAsync(Limit);
        return all.ToArray();
    }

    /// <summary>"closed" when a read returns 0 or fails as a closed connection does; anything else names what happened.</summary>
    private static async Task<string> ReadOutcomeAsync(NetworkStream stream)
    {
        try
        {
            int count = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit);
            return count == 0 ? "closed" : $"read {count} bytes";
        }
        catch (IOException)
        {
            return "closed";
        }
        catch (TimeoutException)
        {
            return "still open";
        }
    }
}
