using System.Threading.Channels;
using Imap.Tests.Support;

namespace Imap.Tests.Reconnect;

/// <summary>
/// A client with <see cref="ImapClientOptions.Reconnect"/> over scripted in-memory servers: every connection the client
/// opens (the first and each reconnect) is a new <see cref="ScriptedServer"/> that the test takes in order with
/// <see cref="NextServerAsync"/>. The backoff's waits are recorded instead of waited, and its jitter is fixed.
/// </summary>
internal sealed class ReconnectHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly Channel<ScriptedServer> servers = Channel.CreateUnbounded<ScriptedServer>();
    private readonly List<ScriptedServer> all = [];
    private readonly object gate = new();
    private int refusals;

    private ReconnectHarness()
    {
    }

    public ImapClient Client { get; private set; } = null!;

    /// <summary>The waits the backoff asked for, in order.</summary>
    public List<TimeSpan> Delays { get; } = [];

    /// <summary>How many connections the client tried to open (refused ones included).</summary>
    public int Attempts { get; private set; }

    public const string User = "alice";

    public const string Password = "secret";

    /// <summary>
    /// Creates the client and scripts its first connection: greeting with <paramref name="capabilities"/>, LOGIN, and
    /// ENABLE of <paramref name="enable"/> when given.
    /// </summary>
    public static async Task<(ReconnectHarness Harness, ScriptedServer First)> ConnectAsync(
        string capabilities, string? enable = null, int maxAttempts = 5, Func<int, Exception, bool>? shouldRetry = null, TimeSpan? commandTimeout = null, bool retryReadOnly = false)
    {
        var h = new ReconnectHarness();
        var options = new ImapClientOptions
        {
            Host = "scripted.test",
            Security = ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = true,
            Credentials = ImapCredentials.Password(User, Password),
            EnableExtensions = enable is null ? [] : [enable],
            DiscoverMailboxes = false,
            CommandTimeout = commandTimeout ?? Timeout.InfiniteTimeSpan,
            Reconnect = new ReconnectPolicy
            {
                MaxAttempts = maxAttempts,
                FirstDelay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(3),
                ShouldRetry = shouldRetry,
                RetryReadOnlyCommands = retryReadOnly,
                NextRandom = () => 0.5,
                DelayAsync = (delay, _) =>
                {
                    lock (h.gate)
                    {
                        h.Delays.Add(delay);
                    }

                    return Task.CompletedTask;
                },
            },
        };
        var connecting = ImapClient.ConnectWithStreamsAsync(h.OpenAsync, options);
        var first = await h.NextServerAsync();
        await LogInAsync(first, capabilities, enable);
        h.Client = await connecting.WaitAsync(Wait);
        return (h, first);
    }

    /// <summary>The next connection the client opens.</summary>
    public async Task<ScriptedServer> NextServerAsync() => await servers.Reader.ReadAsync().AsTask().WaitAsync(Wait);

    /// <summary>The next <paramref name="count"/> connection attempts fail with an <see cref="IOException"/> (a refused connection).</summary>
    public void RefuseNext(int count)
    {
        lock (gate)
        {
            refusals += count;
        }
    }

    /// <summary>The server's side of a login: greeting, LOGIN with the exact bytes, ENABLE when asked for.</summary>
    public static async Task LogInAsync(ScriptedServer server, string capabilities, string? enable)
    {
        await server.SendAsync($"* OK [CAPABILITY {capabilities}] ready\r\n");
        var login = await server.ReadCommandAsync();
        Assert.That(login.Text, Is.EqualTo($"LOGIN {User} {Password}"));
        await server.SendAsync($"{login.Tag} OK [CAPABILITY {capabilities}] logged in\r\n");
        if (enable is not null)
        {
            var command = await server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("ENABLE " + enable));
            await server.SendAsync($"* ENABLED {enable}\r\n{command.Tag} OK enabled\r\n");
        }
    }

    /// <summary>Answers a SELECT of INBOX that <paramref name="expected"/> must equal, with the given state and extra untagged lines.</summary>
    public static async Task AnswerSelectAsync(ScriptedServer server, string expected, uint exists, uint uidValidity, ulong? modSeq, string extra = "")
    {
        var command = await server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(expected));
        await server.SendAsync(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n" +
            extra +
            $"* {exists} EXISTS\r\n" +
            $"* OK [UIDVALIDITY {uidValidity}] UIDs valid\r\n" +
            "* OK [UIDNEXT 101] next\r\n" +
            (modSeq is { } m ? $"* OK [HIGHESTMODSEQ {m}] mod-sequences\r\n" : string.Empty) +
            $"{command.Tag} OK [READ-WRITE] selected\r\n");
    }

    /// <summary>Proves that nothing more was sent on <paramref name="server"/>: a NOOP sent now is the next command it reads.</summary>
    public Task ExpectNothingBeforeNoopAsync(ScriptedServer server) => server.ExpectNothingBeforeNoopAsync(Client);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        foreach (var server in all)
        {
            await server.DisposeAsync();
        }
    }

    private Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Attempts++;
            if (refusals > 0)
            {
                refusals--;
                return Task.FromException<Stream>(new IOException("Connection refused (scripted)."));
            }
        }

        var (client, server) = ScriptedServer.Create();
        lock (gate)
        {
            all.Add(server);
        }

        servers.Writer.TryWrite(server);
        return Task.FromResult<Stream>(client);
    }
}
