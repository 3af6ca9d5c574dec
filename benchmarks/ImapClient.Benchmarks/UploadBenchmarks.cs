using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Imap.TestServer;

namespace Imap.Benchmarks;

/// <summary>
/// One 256 MiB message streamed by APPEND (<c>AppendFromStreamAsync</c>, LITERAL+) over loopback to a sink server
/// that swallows it, beside the same bytes written to a plain socket in 64 KiB pieces (the baseline: the rate the link
/// and the sink allow). Target: at least 80 % of the raw rate, and allocation far below the message's size.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class UploadBenchmarks : IDisposable
{
    private static readonly byte[] Line = "Line of a large generated message, sent by the upload benchmark....\r\n"u8.ToArray();

    private const long Size = 256L * 1024 * 1024;
    private UploadSink imapSink = null!;
    private UploadSink rawSink = null!;
    private ImapClient client = null!;
    private Socket raw = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        imapSink = new UploadSink();
        rawSink = new UploadSink(Size);
        client = await ImapClient.ConnectAsync(new ImapClientOptions { Host = "127.0.0.1", Port = imapSink.Port, Security = ImapSecurity.InsecurePlaintext });
        raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await raw.ConnectAsync(new IPEndPoint(IPAddress.Loopback, rawSink.Port));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await client.DisposeAsync();
        raw.Dispose();
        await imapSink.DisposeAsync();
        await rawSink.DisposeAsync();
    }

    public void Dispose()
    {
        raw?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "raw socket, 256 MiB in 64 KiB writes")]
    public async Task<long> RawSocket()
    {
        var source = new GeneratedMessageStream(Size, Line);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer.AsMemory(0, 64 * 1024))) > 0)
            {
                await raw.SendAsync(buffer.AsMemory(0, n));
            }

            await raw.ReceiveAsync(buffer.AsMemory(0, 1));
            return Size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Benchmark(Description = "ImapClient AppendFromStreamAsync, 256 MiB")]
    public async Task<long> Append()
    {
        var result = await client.AppendFromStreamAsync("Sink", new GeneratedMessageStream(Size, Line), Size);
        return result.UidValidity ?? 0;
    }
}
