using Imap.Tests.Support;

namespace Imap.Tests.Dispatch;

/// <summary>A client connected to a scripted in-memory server, past the greeting and the first CAPABILITY.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private ClientHarness(ImapClient client, ScriptedServer server)
    {
        Client = client;
        Server = server;
    }

    public ImapClient Client { get; }

    public ScriptedServer Server { get; }

    /// <summary>Connects over plaintext (the insecure mode is named explicitly) with the given greeting capabilities.</summary>
    public static async Task<ClientHarness> ConnectAsync(string capabilities = "IMAP4rev1 LITERAL+ IDLE", TimeSpan? commandTimeout = null, Microsoft.Extensions.Logging.ILogger? logger = null, ImapLimits? limits = null, IReadOnlyDictionary<string, string?>? clientId = null, int eventCapacity = 1024, TimeSpan? idlePollInterval = null, TimeSpan? serverSilenceTimeout = null, IReadOnlyList<string>? enableExtensions = null)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await server.SendAsync($"* OK [CAPABILITY {capabilities}] Scripted server ready\r\n");
        var options = new ImapClientOptions
        {
            Host = "scripted.test",
            Security = ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = true,
            CommandTimeout = commandTimeout ?? Timeout.InfiniteTimeSpan,
            Logger = logger,
            Limits = limits ?? ImapLimits.Default,
            ClientId = clientId,
            EventCapacity = eventCapacity,
            ServerSilenceTimeout = serverSilenceTimeout ?? TimeSpan.FromMinutes(2),
            IdlePollInterval = idlePollInterval ?? TimeSpan.FromMinutes(1),
            EnableExtensions = enableExtensions ?? ["IMAP4rev2", "UTF8=ACCEPT"],
        };
        var client = await ImapClient.ConnectAsync(clientEnd, options).WaitAsync(TimeSpan.FromSeconds(10));
        return new ClientHarness(client, server);
    }

    /// <summary>
    /// Proves that the client sent nothing more so far, ending on a known event rather than a quiet interval: a NOOP
    /// sent now must be the next command the server reads (commands go on the wire in order), and it completes.
    /// </summary>
    public Task ExpectNothingBeforeNoopAsync() => Server.ExpectNothingBeforeNoopAsync(Client);

    /// <summary>
    /// Proves that the client holds back the commands named, in this order, without waiting for time to pass: they
    /// are in its queue, not on the wire (<see cref="ScriptedServerProbes.ExpectHeldBack"/>).
    /// </summary>
    public void ExpectHeldBack(params string[] names) => Server.ExpectHeldBack(Client, names);

    /// <summary>Selects INBOX through the script: answers the SELECT with the usual data.</summary>
    public async Task<SelectedMailbox> SelectInboxAsync(uint exists = 10, uint uidNext = 101)
    {
        var select = Client.SelectAsync("INBOX");
        var command = await Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SELECT INBOX"));
        await Server.SendAsync(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n" +
            "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n" +
            $"* {exists} EXISTS\r\n" +
            "* 0 RECENT\r\n" +
            "* OK [UIDVALIDITY 1700000000] UIDs valid\r\n" +
            $"* OK [UIDNEXT {uidNext}] Predicted next UID\r\n" +
            $"{command.Tag} OK [READ-WRITE] Select completed.\r\n");
        return await select.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
