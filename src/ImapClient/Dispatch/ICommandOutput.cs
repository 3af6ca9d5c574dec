namespace Imap.Dispatch;

/// <summary>Where command bytes go: the connection's stream. Only the command holding the writer calls it.</summary>
internal interface ICommandOutput
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}
