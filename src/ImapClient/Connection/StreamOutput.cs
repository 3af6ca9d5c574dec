using System.Runtime.CompilerServices;
using Imap.Dispatch;
using Imap.Telemetry;

namespace Imap.Connection;

/// <summary>Writes command bytes to the connection's stream and flushes them.</summary>
internal sealed class StreamOutput(Stream stream) : ICommandOutput
{
    public Stream Stream { get; set; } = stream;

    /// <summary>Counts the bytes written (docs/telemetry.md).</summary>
    public ConnectionTelemetry Telemetry { get; init; } = ConnectionTelemetry.None;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // One stream for the write and its flush, even if COMPRESS swaps the stream meanwhile.
        var target = Stream;
        await target.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        Telemetry.Sent(bytes.Length);
    }
}
