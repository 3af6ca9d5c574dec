using BenchmarkDotNet.Attributes;
using MailKitClient = MailKit.Net.Imap.ImapClient;

namespace Imap.Benchmarks;

/// <summary>
/// The shared shape of the end-to-end benchmarks: a live Dovecot behind the delay proxy, one ImapClient and one MailKit
/// client connected and logged in through it, all torn down after the run.
/// </summary>
public abstract class LiveBenchmark : IDisposable
{
    protected LiveServer Server { get; private set; } = null!;

    protected ImapClient Client { get; private set; } = null!;

    protected MailKitClient MailKit { get; private set; } = null!;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await MailKit.DisconnectAsync(true);
        MailKit.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            MailKit?.Dispose();
        }
    }

    /// <summary>Starts the server with <paramref name="messages"/> in INBOX, lets <paramref name="prepare"/> add data, connects both clients.</summary>
    protected async Task StartAsync(int messages, Func<LiveServer, Task>? prepare = null, bool direct = false)
    {
        Server = await LiveServer.StartAsync(messages);
        if (prepare is not null)
        {
            await prepare(Server);
        }

        Client = await Server.ConnectImapClientAsync(direct);
        MailKit = await Server.ConnectMailKitAsync(direct);
    }
}
