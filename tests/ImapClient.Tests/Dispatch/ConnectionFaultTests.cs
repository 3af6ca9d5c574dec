using Imap.Tests.Support;

namespace Imap.Tests.Dispatch;

/// <summary>Greeting, STARTTLS and dropped connections: every failure typed, nothing left hanging.</summary>
public sealed class ConnectionFaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_bye_greeting_fails_the_connect_with_its_text()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* BYE Too many connections from your address\r\n");

        var error = Assert.ThrowsAsync<ImapConnectionException>(() => ImapClient.ConnectAsync(clientEnd, Plain()).WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("Too many connections"));
    }

    [Test]
    public async Task A_greeting_that_never_comes_times_out()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;

        Assert.ThrowsAsync<ImapTimeoutException>(() =>
            ImapClient.ConnectAsync(clientEnd, new ImapClientOptions(Plain()) { GreetingTimeout = TimeSpan.FromMilliseconds(200) }).WaitAsync(Wait));
    }

    [Test]
    public async Task Preauth_on_plaintext_is_refused_when_tls_is_required()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] Logged in as alice\r\n");

        Assert.ThrowsAsync<ImapConnectionException>(() => ImapClient.ConnectAsync(clientEnd, StartTls()).WaitAsync(Wait));
    }

    [Test]
    public async Task Starttls_not_offered_fails_closed_without_sending_anything_else()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");

        Assert.ThrowsAsync<ImapConnectionException>(() => ImapClient.ConnectAsync(clientEnd, StartTls()).WaitAsync(Wait));
        // Ends on a known event, the close: nothing can come after it.
        Assert.That(() => server.ReadLineAsync(), Throws.TypeOf<EndOfStreamException>());
        Assert.That(server.Received, Is.Empty, "the client closed without a word, credentials or otherwise");
    }

    [TestCase("S1 NO STARTTLS unavailable\r\n")]
    [TestCase("S1 BAD unknown command\r\n")]
    public async Task Starttls_refused_fails_closed(string answer)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var connect = ImapClient.ConnectAsync(clientEnd, StartTls());
        Assert.That((await server.ReadLineAsync()), Is.EqualTo("S1 STARTTLS"));
        await server.SendAsync(answer);

        Assert.ThrowsAsync<ImapConnectionException>(() => connect.WaitAsync(Wait));
    }

    [Test]
    public async Task Starttls_answered_with_a_continuation_fails_closed()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var connect = ImapClient.ConnectAsync(clientEnd, StartTls());
        await server.ReadLineAsync();
        await server.SendAsync("+ go on\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => connect.WaitAsync(Wait));
    }

    [Test]
    public async Task Bytes_injected_after_the_starttls_ok_abort_the_connection()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var connect = ImapClient.ConnectAsync(clientEnd, StartTls());
        await server.ReadLineAsync();
        await server.SendAsync("S1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => connect.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("after the STARTTLS OK"));
    }

    [Test]
    public async Task Starttls_upgrades_and_reads_the_capabilities_again_over_tls()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        var certificate = SelfSignedCertificate.Localhost;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
        var connect = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions(StartTls()) { TrustedCertificate = certificate });
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("S1 STARTTLS"));
        await server.StartTlsAsync("S1 OK Begin TLS\r\n", certificate);
        var capability = await server.ReadCommandAsync();
        Assert.That(capability.Text, Is.EqualTo("CAPABILITY"));
        await server.SendAsync($"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{capability.Tag} OK\r\n");

        await using var client = await connect.WaitAsync(Wait);
        Assert.That(client.IsEncrypted, Is.True);
        Assert.That(client.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "AUTH=PLAIN" }), "nothing from before TLS is kept");
    }

    [Test]
    public async Task A_connection_dropped_at_any_byte_of_a_busy_exchange_fails_every_pending_call()
    {
        // The server's whole answer to three pipelined commands; it is cut after every possible number of bytes.
        const string Answer = "* 4 EXISTS\r\n* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {11}\r\nhello world)\r\n* 2 FETCH (UID 2 FLAGS ())\r\n";
        for (int cut = 0; cut <= Answer.Length; cut++)
        {
            await using var h = await ClientHarness.ConnectAsync();
            var inbox = await h.SelectInboxAsync();
            var body = inbox.FetchBodyBytesAsync(new Uid(1));
            var flags = inbox.FetchListAsync(UidSet.Parse("2"), FetchItems.Flags);
            var noop = h.Client.NoopAsync();
            var tags = new[] { await h.Server.ReadCommandAsync(), await h.Server.ReadCommandAsync(), await h.Server.ReadCommandAsync() };
            Assert.That(tags.Select(t => t.Text.Split(' ')[0]), Is.EqualTo(new[] { "UID", "UID", "NOOP" }));

            await h.Server.SendAsync(Answer[..cut]);
            h.Server.DropConnection();

            foreach (var call in new Task[] { body, flags, noop })
            {
                var outcome = await Task.WhenAny(call, Task.Delay(Wait));
                Assert.That(outcome, Is.SameAs(call), $"a call hung after a drop at byte {cut}");
                Assert.That(call.Exception?.InnerException, Is.InstanceOf<ImapConnectionException>(), $"drop at byte {cut}");
            }

            Assert.That(h.Client.IsConnected, Is.False);
        }
    }

    private static ImapClientOptions Plain() => new() { Host = "scripted.test", Security = ImapSecurity.InsecurePlaintext, AllowCleartextPasswords = true };

    private static ImapClientOptions StartTls() => new() { Host = "localhost", Security = ImapSecurity.StartTls };
}
