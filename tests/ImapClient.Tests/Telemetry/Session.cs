using Imap.Tests.Support;

namespace Imap.Tests.Telemetry;

/// <summary>A client on the scripted server under a host name of the test's own (see <see cref="TelemetryRecorder"/>).</summary>
internal sealed class Session : IAsyncDisposable
{
    private Session(ImapClient client, ScriptedServer server)
    {
        Client = client;
        Server = server;
    }

    public ImapClient Client { get; }

    public ScriptedServer Server { get; }

    /// <summary>Plaintext options (named explicitly) for <paramref name="host"/>.</summary>
    public static ImapClientOptions Options(string host) => new()
    {
        Host = host,
        Security = ImapSecurity.InsecurePlaintext,
        AllowCleartextPasswords = true,
    };

    /// <summary>Connects past a greeting that carries the capabilities, so no command is sent yet.</summary>
    public static async Task<Session> ConnectAsync(
        string host, string greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n", TimeSpan? commandTimeout = null, int eventCapacity = 1024)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await server.SendAsync(greeting);
        var options = new ImapClientOptions(Options(host))
        {
            CommandTimeout = commandTimeout ?? Timeout.InfiniteTimeSpan,
            EventCapacity = eventCapacity,
        };
        var client = await ImapClient.ConnectAsync(clientEnd, options).WaitAsync(TimeSpan.FromSeconds(10));
        return new Session(client, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
