using System.Net;
using System.Net.Sockets;
using Imap.Tests.Support;

namespace Imap.MimeKit.Tests;

/// <summary>
/// A client connected through loopback TCP to a <see cref="ScriptedServer"/>: a listener accepts the client's socket
/// and relays its bytes to and from the scripted server's in-memory connection, so the public
/// <see cref="ImapClient.ConnectAsync(ImapClientOptions, CancellationToken)"/> is what the tests use.
/// </summary>
internal sealed class LoopbackHarness : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly Task relay;

    private LoopbackHarness(ImapClient client, ScriptedServer server, Socket socket, Task relay)
    {
        Client = client;
        Server = server;
        this.socket = socket;
        this.relay = relay;
    }

    public ImapClient Client { get; }

    public ScriptedServer Server { get; }

    /// <summary>Connects in plaintext (on loopback only) past the greeting, which offers <paramref name="capabilities"/>.</summary>
    public static async Task<LoopbackHarness> ConnectAsync(string capabilities = "IMAP4rev1 LITERAL+ UIDPLUS")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (pipeEnd, server) = ScriptedServer.Create();
        var accepting = listener.AcceptSocketAsync();
        await server.SendAsync($"* OK [CAPABILITY {capabilities}] Scripted server ready\r\n");
        var connecting = ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = ImapSecurity.InsecurePlaintext,
        });
        var socket = await accepting.WaitAsync(TimeSpan.FromSeconds(10));
        var network = new NetworkStream(socket, ownsSocket: false);
        var relay = Task.WhenAll(
            network.CopyToAsync(pipeEnd).ContinueWith(_ => pipeEnd.Dispose(), TaskScheduler.Default),
            pipeEnd.CopyToAsync(network).ContinueWith(_ => socket.Shutdown(SocketShutdown.Send), TaskScheduler.Default));
        var client = await connecting.WaitAsync(TimeSpan.FromSeconds(10));
        return new LoopbackHarness(client, server, socket, relay);
    }

    /// <summary>Selects INBOX through the script.</summary>
    public async Task<SelectedMailbox> SelectInboxAsync()
    {
        var select = Client.SelectAsync("INBOX");
        var command = await Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SELECT INBOX"));
        await Server.SendAsync(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 10 EXISTS\r\n* OK [UIDVALIDITY 1700000000] UIDs valid\r\n" +
            $"* OK [UIDNEXT 101] next\r\n{command.Tag} OK [READ-WRITE] Select completed.\r\n");
        return await select.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        socket.Dispose();
        await relay.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
