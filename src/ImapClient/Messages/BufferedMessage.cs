using System.Buffers;

namespace Imap;

/// <summary>
/// A message of unknown length (a non-seekable stream: a pipe, a network or decompression stream) copied to a temporary
/// file, so that it can be appended with its exact length (a literal announces its length before its data). Memory stays
/// bounded by one 64 KiB buffer whatever the size; the file is deleted when this is disposed.
/// </summary>
public sealed class BufferedMessage : IAsyncDisposable, IDisposable
{
    private const int Piece = 64 * 1024;
    private readonly FileStream file;

    private BufferedMessage(FileStream file, long length)
    {
        this.file = file;
        Length = length;
    }

    /// <summary>The number of bytes buffered.</summary>
    public long Length { get; }

    /// <summary>
    /// The buffered bytes, positioned at the first; pass it with <see cref="Length"/> to
    /// <see cref="ImapClient.AppendFromStreamAsync"/> or to an <see cref="AppendMessage"/>. Disposing this object
    /// closes it.
    /// </summary>
    public Stream Content => file;

    /// <summary>
    /// Reads <paramref name="source"/> to its end into a new temporary file (deleted on dispose), refusing more than
    /// <paramref name="maxLength"/> bytes.
    /// </summary>
    /// <param name="source">The message; read to its end, not disposed.</param>
    /// <param name="maxLength">The most bytes to accept.</param>
    /// <param name="cancellationToken">Cancels the copy (the file is then deleted).</param>
    /// <returns>The buffered message, positioned at its start.</returns>
    /// <exception cref="ArgumentException"><paramref name="source"/> holds more than <paramref name="maxLength"/> bytes (the file is deleted).</exception>
    public static async Task<BufferedMessage> CreateAsync(Stream source, long maxLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var file = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Piece);
        try
        {
            long length = 0;
            int n;
            while ((n = await source.ReadAsync(buffer.AsMemory(0, Piece), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += n;
                if (length > maxLength)
                {
                    throw new ArgumentException($"The content is longer than the {maxLength:N0} bytes allowed; nothing was kept.", nameof(source));
                }

                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return new BufferedMessage(file, length);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes and deletes the temporary file.</summary>
    public void Dispose() => file.Dispose();

    /// <summary>Closes and deletes the temporary file.</summary>
    public ValueTask DisposeAsync() => file.DisposeAsync();
}
