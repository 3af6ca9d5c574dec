using System.Net;
using System.Net.Sockets;
using System.Text;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// The dropping proxy kept for the reconnect tests, tested against its own loopback echo server; and a connection cut
/// under a client with commands pending, against Dovecot through it.
/// </summary>
public sealed class DroppingProxyTests
{
    /// <summary>Bounds every wait so that a broken proxy fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Bytes_pass_both_ways_until_the_proxy_cuts_the_connection_with_a_reset()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = DroppingProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy.EndPoint);
        var stream = client.GetStream();
        await stream.WriteAsync("A1 NOOP\r\n"u8.ToArray());
        Assert.That(Encoding.ASCII.GetString(await ReadExactlyAsync(stream, 9)), Is.EqualTo("A1 NOOP\r\n"));
        Assert.That((proxy.OpenConnections, proxy.BytesFromClients, proxy.BytesFromServer), Is.EqualTo((1, 9L, 9L)));

        Assert.That(proxy.DropAll(reset: true), Is.EqualTo(1));

        Assert.That(await ReadOutcomeAsync(stream), Is.EqualTo("reset").Or.EqualTo("closed"));
        Assert.That(proxy.OpenConnections, Is.Zero);

        // The proxy itself goes on: a new connection passes bytes again.
        using var again = await ConnectAsync(proxy.EndPoint);
        var second = again.GetStream();
        await second.WriteAsync("x"u8.ToArray());
        Assert.That(await ReadExactlyAsync(second, 1), Is.EqualTo("x"u8.ToArray()));
    }

    [Test]
    public async Task An_orderly_drop_ends_the_stream_and_refused_connections_close_at_once()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = DroppingProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy.EndPoint);
        var stream = client.GetStream();
        await stream.WriteAsync("a"u8.ToArray());
        await ReadExactlyAsync(stream, 1);

        proxy.DropAll(reset: false);
        Assert.That(await ReadOutcomeAsync(stream), Is.EqualTo("closed"));

        proxy.RefuseConnections = true;
        Assert.That(await ConnectAndReadAsync(proxy.EndPoint), Is.EqualTo("reset").Or.EqualTo("closed"));
        Assert.That(proxy.AcceptedConnections, Is.EqualTo(2));
        Assert.That(proxy.OpenConnections, Is.Zero);
    }

    [Test]
    public async Task A_frozen_link_swallows_bytes_and_stays_open_until_thawed()
    {
        await using var echo = EchoServer.Start();
        await using var proxy = DroppingProxy.Start(echo.EndPoint);
        using var client = await ConnectAsync(proxy.EndPoint);
        var stream = client.GetStream();

        proxy.Freeze();
        await stream.WriteAsync("lost"u8.ToArray());
        await WaitUntilAsync(() => proxy.BytesFromClients == 4);

        // Ends on a known event, the echo of what is written after the thaw: "lost", had it gone through (then or
        // later), would be read before it.
        proxy.Thaw();
        await stream.WriteAsync("kept"u8.ToArray());
        Assert.That(await ReadExactlyAsync(stream, 4), Is.EqualTo("kept"u8.ToArray()), "the swallowed bytes never come; later ones do");
        Assert.That(proxy.OpenConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task A_cut_link_fails_every_pending_command_as_transient_and_the_client_reports_it_closed()
    {
        var server = DovecotFixture.Target;
        await using var proxy = DroppingProxy.Start(new IPEndPoint(IPAddress.Loopback, server.ImapsPort));
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = proxy.EndPoint.Port,
            TrustedCertificate = server.Certificate,
        });
        await client.LoginAsync(server.User.Name, server.User.Password);
        var inbox = await client.SelectAsync("INBOX");
        var events = Task.Run(async () =>
        {
            await foreach (var change in client.ReadEventsAsync())
            {
                _ = change;
            }
        });

        // Freeze first, so that the commands are surely pending (written, unanswered) when the link is cut.
        proxy.Freeze();
        long before = proxy.BytesFromClients;
        Task[] pending =
        [
            client.NoopAsync(),
            client.GetStatusAsync("INBOX", StatusItems.Messages),
            inbox.FetchListAsync(UidSet.Parse("1:5"), FetchItems.Flags),
        ];
        await WaitUntilAsync(() => proxy.BytesFromClients > before);
        Assert.That(pending.Any(t => t.IsCompleted), Is.False, "nothing can be answered through a frozen link");

        proxy.DropAll(reset: true);

        foreach (var command in pending)
        {
            var error = Assert.ThrowsAsync<ImapConnectionException>(async () => await command.WaitAsync(Limit));
            Assert.That(error!.IsTransient, Is.True);
        }

        Assert.That(client.IsConnected, Is.False);
        await events.WaitAsync(Limit);
        var after = Assert.ThrowsAsync<ImapConnectionException>(() => client.NoopAsync());
        Assert.That(after!.IsTransient, Is.True, "a command after the drop fails at once, typed the same way");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out");
            await Task.Delay(10);
        }
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

    /// <summary>Connects and reads once: the reset may already come while connecting.</summary>
    private static async Task<string> ConnectAndReadAsync(IPEndPoint endPoint)
    {
        try
        {
            using var client = await ConnectAsync(endPoint);
            return await ReadOutcomeAsync(client.GetStream());
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "reset";
        }
    }

    /// <summary>"closed" for end of stream, "reset" for a connection reset, else what was read.</summary>
    private static async Task<string> ReadOutcomeAsync(NetworkStream stream)
    {
        try
        {
            int count = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit);
            return count == 0 ? "closed" : $"{count} bytes";
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return "reset";
        }
    }
}
