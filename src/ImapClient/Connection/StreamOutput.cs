using Imap.Dispatch;

namespace Imap.Connection;

/// <summary>Writes command bytes to the connection's stream and flushes them.</summary>
internal sealed class StreamOutput(Stream stream) : ICommandOutput
{
    public Stream Stream { get; set; } = stream;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
