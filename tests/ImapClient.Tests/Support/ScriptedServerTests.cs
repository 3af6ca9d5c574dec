using System.Net.Security;
using System.Text;

namespace Imap.Tests.Support;

public sealed class ScriptedServerTests
{
    /// <summary>Bounds every client-side wait so that a broken harness fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_line_split_across_writes_is_reassembled()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;

        foreach (string piece in new[] { "A1 SEL", "ECT INB", "OX\r", "\nA2 NOOP", "\r\n" })
        {
            await Write(client, piece);
            await Task.Yield();
        }

        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 SELECT INBOX"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A2 NOOP"));
        Assert.That(server.Received, Is.EqualTo("A1 SELECT INBOX\r\nA2 NOOP\r\n"));
    }

    [Test]
    public async Task A_line_sent_one_byte_at_a_time_is_reassembled()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        var reading = server.ReadLineAsync();

        foreach (char c in "A1 LOGIN alice secret\r\n")
        {
            await Write(client, c.ToString());
        }

        Assert.That(await reading, Is.EqualTo("A1 LOGIN alice secret"));
    }

    [Test]
    public async Task A_bare_LF_does_not_end_a_line()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;

        await Write(client, "A1 NOOP\nA2 NOOP\r\n");

        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 NOOP\nA2 NOOP"));
    }

    [Test]
    public async Task Reading_a_line_times_out_with_what_was_received()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 NOOP\r\nA2 IDLE");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 NOOP"));

        var thrown = Assert.ThrowsAsync<TimeoutException>(() => server.ReadLineAsync(TimeSpan.FromMilliseconds(100)));

        Assert.That(thrown?.Message, Does.Contain("a line").And.Contain("\"A1 NOOP\\r\\nA2 IDLE\""));
    }

    [Test]
    public async Task A_line_completed_after_a_timeout_can_still_be_read()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 NO");
        Assert.ThrowsAsync<TimeoutException>(() => server.ReadLineAsync(TimeSpan.FromMilliseconds(50)));

        await Write(client, "OP\r\n");

        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 NOOP"));
    }

    [Test]
    public async Task A_command_is_split_into_tag_and_text()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A7 UID FETCH 1:* (FLAGS)\r\nDONE\r\n");

        Assert.That(await server.ReadCommandAsync(), Is.EqualTo(new ClientCommand("A7", "UID FETCH 1:* (FLAGS)")));
        Assert.That(() => server.ReadCommandAsync(), Throws.InstanceOf<FormatException>().With.Message.Contains("DONE"));
    }

    [Test]
    public async Task Literal_bytes_are_read_exactly_and_the_line_goes_on_after_them()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 APPEND INBOX {7}\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 APPEND INBOX {7}"));
        await server.SendAsync("+ go\r\n");
        Assert.That(await ReadLineAsync(client), Is.EqualTo("+ go"));

        await client.WriteAsync(new byte[] { (byte)'H', (byte)'i', 0xE9, 13, 10, 0, (byte)'!' });
        await Write(client, "\r\n");

        Assert.That(await server.ReadBytesAsync(7), Is.EqualTo(new byte[] { (byte)'H', (byte)'i', 0xE9, 13, 10, 0, (byte)'!' }));
        Assert.That(await server.ReadLineAsync(), Is.Empty);
    }

    [Test]
    public async Task Reading_bytes_times_out_when_fewer_arrive()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "abc");

        var thrown = Assert.ThrowsAsync<TimeoutException>(() => server.ReadBytesAsync(4, TimeSpan.FromMilliseconds(50)));

        Assert.That(thrown?.Message, Does.Contain("4 bytes").And.Contain("\"abc\""));
        Assert.That(await server.ReadBytesAsync(3), Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public async Task Sent_text_arrives_as_exact_Latin1_bytes()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;

        await server.SendAsync("* OK caf\u00E9\r\n");
        await server.SendAsync(new byte[] { 0x00, 0xFF });

        Assert.That(await ReadBytesAsync(client, 13), Is.EqualTo(new byte[] { (byte)'*', (byte)' ', (byte)'O', (byte)'K', (byte)' ', (byte)'c', (byte)'a', (byte)'f', 0xE9, 13, 10, 0x00, 0xFF }));
    }

    [Test]
    public async Task Sending_text_outside_Latin1_is_refused()
    {
        var (_, server) = ScriptedServer.Create();
        await using var __ = server;

        Assert.That(() => server.SendAsync("* OK \u20AC\r\n"), Throws.ArgumentException.With.Message.Contains("U+20AC"));
    }

    [Test]
    public async Task Expecting_nothing_unread_passes_once_everything_written_was_read()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 NOOP\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 NOOP"));

        server.ExpectNothingUnread();

        await Write(client, "A2 NOOP\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A2 NOOP"));
    }

    [Test]
    public async Task Expecting_nothing_unread_fails_when_something_written_was_not_read()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 NOOP\r\n");
        Assert.That(await server.ReadBytesAsync(3), Is.EqualTo("A1 "u8.ToArray()));

        Assert.That(server.ExpectNothingUnread, Throws.InvalidOperationException.With.Message.Contains("\"NOOP\\r\\n\""));
    }

    [Test]
    public async Task Expecting_nothing_unread_fails_when_the_client_closed()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;

        await client.DisposeAsync();
        Assert.That(() => server.ReadLineAsync(), Throws.TypeOf<EndOfStreamException>());

        Assert.That(server.ExpectNothingUnread, Throws.InvalidOperationException.With.Message.Contains("client closed"));
    }

    [Test]
    public async Task Dropping_the_connection_makes_the_clients_pending_read_and_writes_throw_IOException()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        var pending = client.ReadAsync(new byte[16]).AsTask();

        server.DropConnection();

        Assert.That(() => pending.WaitAsync(Limit), Throws.InstanceOf<IOException>());
        Assert.That(() => client.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit), Throws.InstanceOf<IOException>());
        Assert.That(() => Write(client, "A1 NOOP\r\n"), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task Dropping_the_connection_loses_what_the_client_had_not_read()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK ready\r\n");

        server.DropConnection();

        Assert.That(() => client.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task Closing_lets_the_client_read_the_rest_then_zero()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* BYE logging out\r\n");

        await server.CloseAsync();

        Assert.That(await ReadLineAsync(client), Is.EqualTo("* BYE logging out"));
        Assert.That(await client.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit), Is.Zero);
        Assert.That(() => Write(client, "A1 NOOP\r\n"), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task Reading_after_the_client_closed_fails_at_once_with_what_was_received()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 LOGOUT\r\nA2 NO");
        await client.DisposeAsync();

        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A1 LOGOUT"));

        // A timeout of a minute: failing at once shows up as EndOfStreamException, waiting as the test's own timeout.
        var reading = server.ReadLineAsync(TimeSpan.FromMinutes(1));
        Assert.That(() => reading.WaitAsync(Limit), Throws.InstanceOf<EndOfStreamException>().With.Message.Contains("client closed").And.Message.Contains("A2 NO"));
    }

    [Test]
    public async Task Starting_tls_sends_the_response_in_plain_text_then_talks_tls()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 STARTTLS\r\n");
        Assert.That(await server.ReadCommandAsync(), Is.EqualTo(new ClientCommand("A1", "STARTTLS")));

        var serverSide = server.StartTlsAsync("A1 OK Begin TLS negotiation now\r\n", SelfSignedCertificate.Localhost);
        Assert.That(await ReadLineAsync(client), Is.EqualTo("A1 OK Begin TLS negotiation now"));
        await using var tls = new SslStream(client);
        await tls.AuthenticateAsClientAsync(SelfSignedCertificate.ClientOptionsTrusting(SelfSignedCertificate.Localhost)).WaitAsync(Limit);
        await serverSide.WaitAsync(Limit);

        await Write(tls, "A2 LOGIN alice secret\r\n");
        Assert.That(await server.ReadCommandAsync(), Is.EqualTo(new ClientCommand("A2", "LOGIN alice secret")));
        await server.SendAsync("A2 OK\r\n");
        Assert.That(await ReadLineAsync(tls), Is.EqualTo("A2 OK"));
        Assert.That(server.Received, Is.EqualTo("A1 STARTTLS\r\nA2 LOGIN alice secret\r\n"));

        await server.CloseAsync();
        Assert.That(await tls.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit), Is.Zero);
    }

    [Test]
    public async Task Starting_tls_refuses_plain_text_the_client_sent_after_STARTTLS()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 STARTTLS\r\nA2 LOGIN alice secret\r\n");
        Assert.That(await server.ReadCommandAsync(), Is.EqualTo(new ClientCommand("A1", "STARTTLS")));

        Assert.That(
            () => server.StartTlsAsync("A1 OK Begin TLS\r\n", SelfSignedCertificate.Localhost),
            Throws.InvalidOperationException.With.Message.Contains("\"A2 LOGIN alice secret\\r\\n\""));
    }

    [Test]
    public async Task Starting_tls_times_out_when_the_client_does_not_shake_hands()
    {
        var (client, server) = ScriptedServer.Create();
        await using var _ = server;
        await Write(client, "A1 STARTTLS\r\n");
        Assert.That(await server.ReadCommandAsync(), Is.EqualTo(new ClientCommand("A1", "STARTTLS")));

        var starting = server.StartTlsAsync("A1 OK Begin TLS\r\n", SelfSignedCertificate.Localhost, TimeSpan.FromMilliseconds(100));

        Assert.That(() => starting.WaitAsync(Limit), Throws.InstanceOf<TimeoutException>().With.Message.Contains("TLS handshake"));
        Assert.That(await ReadLineAsync(client), Is.EqualTo("A1 OK Begin TLS"));
    }

    private static async Task Write(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text));
        await stream.FlushAsync();
    }

    private static async Task<byte[]> ReadBytesAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Limit);
        return buffer;
    }

    /// <summary>Reads one byte at a time up to CRLF, so that nothing after the line (a TLS handshake) is taken.</summary>
    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            await stream.ReadExactlyAsync(one).AsTask().WaitAsync(Limit);
            line.Add(one[0]);
        }

        return Encoding.Latin1.GetString(line.GetRange(0, line.Count - 2).ToArray());
    }
}
