using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace Imap.Benchmarks;

/// <summary>
/// The dispatcher's own cost per command: NOOPs against an in-process loopback responder that answers at once, one
/// after another and 1,000 at a time, and STATUS one after another (its answer is parsed into a result). Allocated
/// bytes are per command (the figures are divided by the count). The floor beside them is the same round trip on a raw
/// socket: one line written, one line read, no client at all, so what a NOOP costs above it is the client's.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DispatcherBenchmarks : IDisposable
{
    private const int Commands = 1000;
    private static readonly ReadOnlyMemory<byte> Line = "A1 NOOP\r\n"u8.ToArray();
    private NoopResponder responder = null!;
    private ImapClient client = null!;
    private readonly Task[] tasks = new Task[Commands];
    private readonly byte[] answer = new byte[256];
    private Socket raw = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        responder = new NoopResponder();
        client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = responder.Port,
            Security = ImapSecurity.InsecurePlaintext,
        });
        raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await raw.ConnectAsync(IPAddress.Loopback, responder.Port);
        await ReadLineAsync(); // the greeting
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await client.DisposeAsync();
        raw.Dispose();
        await responder.DisposeAsync();
    }

    /// <summary>BenchmarkDotNet calls the async cleanup; this only satisfies the ownership rule.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "floor: a raw socket's line and answer, one after another")]
    public async Task RawRoundTrip()
    {
        for (int i = 0; i < Commands; i++)
        {
            await raw.SendAsync(Line, SocketFlags.None);
            await ReadLineAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "NOOP, one after another")]
    public async Task Sequential()
    {
        for (int i = 0; i < Commands; i++)
        {
            await client.NoopAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "STATUS, one after another")]
    public async Task SequentialStatus()
    {
        for (int i = 0; i < Commands; i++)
        {
            await client.GetStatusAsync("INBOX");
        }
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "NOOP, 1,000 in flight")]
    public async Task Concurrent()
    {
        for (int i = 0; i < Commands; i++)
        {
            tasks[i] = client.NoopAsync();
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>Reads until the answer's line end; the responder answers a line at a time, so nothing follows it.</summary>
    private async Task ReadLineAsync()
    {
        int filled = 0;
        while (filled < 2 || answer[filled - 2] != '\r' || answer[filled - 1] != '\n')
        {
            int read = await raw.ReceiveAsync(answer.AsMemory(filled), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("The responder closed the connection.");
            }

            filled += read;
        }
    }
}
