using BenchmarkDotNet.Attributes;

namespace Imap.Benchmarks;

/// <summary>
/// The dispatcher's own cost per command: NOOPs against an in-process loopback responder that answers at once, one
/// after another and 1,000 at a time. Allocated bytes are per command (the figures are divided by the count).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DispatcherBenchmarks : IDisposable
{
    private const int Commands = 1000;
    private NoopResponder responder = null!;
    private ImapClient client = null!;
    private readonly Task[] tasks = new Task[Commands];

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
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await client.DisposeAsync();
        await responder.DisposeAsync();
    }

    /// <summary>BenchmarkDotNet calls the async cleanup; this only satisfies the ownership rule.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Commands, Description = "NOOP, one after another")]
    public async Task Sequential()
    {
        for (int i = 0; i < Commands; i++)
        {
            await client.NoopAsync();
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
}
