using System.Net;
using Imap.TestServer;

namespace Imap.Benchmarks;

/// <summary>
/// The private Dovecot with generated mail, behind a TCP proxy that delays each direction by 5 ms (a 10 ms round
/// trip), shared by the end-to-end benchmarks of one process.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    public static readonly TimeSpan OneWayDelay = TimeSpan.FromMilliseconds(5);

    private LiveServer(DovecotInstance dovecot, DelayProxy proxy)
    {
        Dovecot = dovecot;
        Proxy = proxy;
    }

    public DovecotInstance Dovecot { get; }

    public DelayProxy Proxy { get; }

    public static async Task<LiveServer> StartAsync(int messages)
    {
        var dovecot = await DovecotInstance.StartAsync(new DovecotOptions { InboxMessages = messages });
        var proxy = DelayProxy.Start(new IPEndPoint(IPAddress.Loopback, dovecot.ImapsPort), OneWayDelay);
        return new LiveServer(dovecot, proxy);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Dovecot.DisposeAsync();
    }
}
