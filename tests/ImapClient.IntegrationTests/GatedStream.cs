namespace Imap.IntegrationTests;

/// <summary>Gives its data up to a point, then waits until the read is cancelled (an upload cut off mid-literal).</summary>
internal sealed class GatedStream(byte[] data, int gate) : MemoryStream(data)
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a read reached the gate.</summary>
    public Task Reached => reached.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int left = gate - (int)Position;
        if (left == 0)
        {
            reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await base.ReadAsync(buffer[..Math.Min(buffer.Length, left)], cancellationToken);
    }
}
