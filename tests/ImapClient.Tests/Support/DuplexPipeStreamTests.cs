using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Imap.Tests.Support;

public sealed class DuplexPipeStreamTests
{
    /// <summary>Bounds every wait so that a broken stream fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Bytes_written_on_one_end_are_read_on_the_other_in_both_directions()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        await using (client)
        await using (server)
        {
            await client.WriteAsync("A1 NOOP\r\n"u8.ToArray());
            await server.WriteAsync("A1 OK done\r\n"u8.ToArray());

            Assert.That(await ReadTextAsync(server, 9), Is.EqualTo("A1 NOOP\r\n"));
            Assert.That(await ReadTextAsync(client, 12), Is.EqualTo("A1 OK done\r\n"));
        }
    }

    [Test]
    public async Task A_read_returns_what_is_there_without_waiting_to_fill_the_buffer()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        await client.WriteAsync("abc"u8.ToArray());
        var buffer = new byte[10];

        int first = await server.ReadAsync(buffer.AsMemory(0, 2)).AsTask().WaitAsync(Limit);
        int second = await server.ReadAsync(buffer.AsMemory(2)).AsTask().WaitAsync(Limit);

        Assert.That(first, Is.EqualTo(2));
        Assert.That(second, Is.EqualTo(1));
        Assert.That(Encoding.Latin1.GetString(buffer, 0, 3), Is.EqualTo("abc"));
    }

    [Test]
    public async Task A_read_waits_for_the_next_write()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        var buffer = new byte[10];
        var read = server.ReadAsync(buffer).AsTask();
        Assert.That(read.IsCompleted, Is.False);

        await client.WriteAsync("x"u8.ToArray());

        Assert.That(await read.WaitAsync(Limit), Is.EqualTo(1));
        Assert.That(buffer[0], Is.EqualTo((byte)'x'));
    }

    [Test]
    public async Task Completing_an_end_lets_the_other_end_read_the_rest_then_zero_and_still_write()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        await server.WriteAsync("* BYE\r\n"u8.ToArray());
        server.Complete();

        Assert.That(await ReadTextAsync(client, 7), Is.EqualTo("* BYE\r\n"));
        Assert.That(await client.ReadAsync(new byte[10]).AsTask().WaitAsync(Limit), Is.Zero);
        Assert.That(await client.ReadAsync(new byte[10]).AsTask().WaitAsync(Limit), Is.Zero);

        await client.WriteAsync("A1 LOGOUT\r\n"u8.ToArray());
        Assert.That(await ReadTextAsync(server, 11), Is.EqualTo("A1 LOGOUT\r\n"));
        Assert.That(() => server.WriteAsync(new byte[1]).AsTask(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task Disposing_an_end_ends_a_pending_read_on_the_other_with_zero_and_fails_its_writes()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        var pending = client.ReadAsync(new byte[10]).AsTask();

        await server.DisposeAsync();

        Assert.That(await pending.WaitAsync(Limit), Is.Zero);
        Assert.That(() => client.WriteAsync(new byte[1]).AsTask(), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task Disposing_an_end_ends_its_own_pending_read()
    {
        var (client, _) = DuplexPipeStream.CreatePair();
        var pending = client.ReadAsync(new byte[10]).AsTask();

        await client.DisposeAsync();

        Assert.That(() => pending.WaitAsync(Limit), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(client.CanRead, Is.False);
    }

    [Test]
    public async Task Aborting_an_end_makes_the_other_ends_reads_throw_IOException_even_with_data_unread()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        await server.WriteAsync("* OK\r\n"u8.ToArray());
        var reason = new IOException("reset");

        server.Abort(reason);

        var thrown = Assert.ThrowsAsync<IOException>(() => client.ReadAsync(new byte[10]).AsTask().WaitAsync(Limit));
        Assert.That(thrown, Is.SameAs(reason));
        Assert.That(() => client.ReadAsync(new byte[10]).AsTask().WaitAsync(Limit), Throws.InstanceOf<IOException>());
        Assert.That(() => client.WriteAsync(new byte[1]).AsTask(), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task Aborting_with_another_exception_wraps_it_in_an_IOException()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        var pending = client.ReadAsync(new byte[10]).AsTask();
        var reason = new TimeoutException("idle");

        server.Abort(reason);

        var thrown = Assert.ThrowsAsync<IOException>(() => pending.WaitAsync(Limit));
        Assert.That(thrown?.InnerException, Is.SameAs(reason));
    }

    [Test]
    public async Task A_cancelled_read_leaves_the_stream_usable()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        using var cancel = new CancellationTokenSource();
        var pending = server.ReadAsync(new byte[10], cancel.Token).AsTask();

        await cancel.CancelAsync();
        Assert.That(() => pending.WaitAsync(Limit), Throws.InstanceOf<OperationCanceledException>());

        await client.WriteAsync("after"u8.ToArray());
        Assert.That(await ReadTextAsync(server, 5), Is.EqualTo("after"));
    }

    [Test]
    public async Task A_zero_byte_read_waits_for_data_and_takes_none()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        var zero = server.ReadAsync(Memory<byte>.Empty).AsTask();
        Assert.That(zero.IsCompleted, Is.False);

        await client.WriteAsync("ab"u8.ToArray());

        Assert.That(await zero.WaitAsync(Limit), Is.Zero);
        Assert.That(await ReadTextAsync(server, 2), Is.EqualTo("ab"));
    }

    [Test]
    public async Task With_a_buffer_limit_a_write_waits_until_the_other_end_reads()
    {
        var (client, server) = DuplexPipeStream.CreatePair(pauseWriterThreshold: 16);
        // The pipe decides within the write whether it must wait; only a read on the other end can release it.
        var write = client.WriteAsync(new byte[64]).AsTask();
        Assert.That(write.IsCompleted, Is.False);

        byte[] all = await ReadBytesAsync(server, 64);

        await write.WaitAsync(Limit);
        Assert.That(all, Has.Length.EqualTo(64));
    }

    [Test]
    public async Task Pipe_reader_and_writer_created_over_the_ends_carry_the_bytes_and_the_end()
    {
        var (client, server) = DuplexPipeStream.CreatePair();
        var writer = PipeWriter.Create(client);
        var reader = PipeReader.Create(server);

        await writer.WriteAsync("A1 CAPABILITY\r\n"u8.ToArray());
        await writer.CompleteAsync();

        var collected = new List<byte>();
        while (true)
        {
            ReadResult result = await reader.ReadAsync().AsTask().WaitAsync(Limit);
            collected.AddRange(result.Buffer.ToArray());
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await reader.CompleteAsync();
        Assert.That(Encoding.Latin1.GetString([.. collected]), Is.EqualTo("A1 CAPABILITY\r\n"));
    }

    [Test]
    public async Task Tls_handshake_over_the_pair_succeeds_and_carries_data_both_ways()
    {
        var certificate = SelfSignedCertificate.Localhost;
        var (client, server) = DuplexPipeStream.CreatePair();
        await using var clientTls = new SslStream(client);
        await using var serverTls = new SslStream(server);

        await Task.WhenAll(
            clientTls.AuthenticateAsClientAsync(SelfSignedCertificate.ClientOptionsTrusting(certificate)),
            serverTls.AuthenticateAsServerAsync(certificate)).WaitAsync(Limit);

        await clientTls.WriteAsync("A2 LOGIN alice secret\r\n"u8.ToArray());
        await serverTls.WriteAsync("A2 OK\r\n"u8.ToArray());
        Assert.That(await ReadTextAsync(serverTls, 23), Is.EqualTo("A2 LOGIN alice secret\r\n"));
        Assert.That(await ReadTextAsync(clientTls, 7), Is.EqualTo("A2 OK\r\n"));
        Assert.That(clientTls.RemoteCertificate?.GetCertHashString(), Is.EqualTo(certificate.GetCertHashString()));
    }

    [Test]
    public async Task A_tls_client_trusting_another_certificate_refuses_the_handshake()
    {
        // The TLS tests pin the certificate; this shows the pin can fail.
        using var stranger = SelfSignedCertificate.Create();
        var (client, server) = DuplexPipeStream.CreatePair();
        await using var clientTls = new SslStream(client);
        await using var serverTls = new SslStream(server);

        var clientSide = clientTls.AuthenticateAsClientAsync(SelfSignedCertificate.ClientOptionsTrusting(stranger));
        var serverSide = serverTls.AuthenticateAsServerAsync(SelfSignedCertificate.Localhost);

        Assert.That(() => clientSide.WaitAsync(Limit), Throws.InstanceOf<AuthenticationException>());

        // Under TLS 1.3 the server may finish before the client rejects it; either way it must not hang.
        await clientTls.DisposeAsync();
        await Task.WhenAny(serverSide).WaitAsync(Limit);
    }

    private static async Task<byte[]> ReadBytesAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Limit);
        return buffer;
    }

    private static async Task<string> ReadTextAsync(Stream stream, int count) =>
        Encoding.Latin1.GetString(await ReadBytesAsync(stream, count));
}
