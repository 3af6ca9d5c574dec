namespace Imap.Dispatch;

/// <summary>
/// The data of a literal that is not in the command's built bytes (APPEND from a stream): its exact length, where it
/// comes from, and who is told how much was sent. The dispatcher writes it at its place in
/// <see cref="Protocol.CommandWriter.UploadOffsets"/>.
/// </summary>
internal abstract class Upload
{
    /// <summary>Ends a command abandoned inside a message literal: ")" cannot follow a message (RFC 3502 §6.3.11).</summary>
    public static readonly byte[] RefusedAfterMessage = " )\r\n"u8.ToArray();

    /// <summary>
    /// Ends a command abandoned inside a CATENATE text literal (RFC 4469 §5): the first ")" closes the part list, and
    /// the second cannot follow a message, as for <see cref="RefusedAfterMessage"/>. (A lone ")" would be valid there.)
    /// </summary>
    public static readonly byte[] RefusedAfterCatenateText = ") )\r\n"u8.ToArray();

    /// <summary>Exactly how many bytes the literal announced.</summary>
    public abstract long Length { get; }

    /// <summary>Told the number of bytes written so far, after each piece.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// What ends the command when the caller abandons it inside this literal (after filler that finishes the literal):
    /// bytes the grammar forbids there, so that the server must refuse the whole command and store nothing.
    /// </summary>
    public byte[] RefusedEnd { get; init; } = RefusedAfterMessage;

    /// <summary>Reads the next piece into <paramref name="buffer"/>; 0 when the source has ended.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>An upload of bytes already in memory (checked for NUL before anything is sent).</summary>
    public sealed class FromMemory(ReadOnlyMemory<byte> data) : Upload
    {
        private int position;

        public override long Length => data.Length;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            int n = Math.Min(buffer.Length, data.Length - position);
            data.Span.Slice(position, n).CopyTo(buffer.Span);
            position += n;
            return new(n);
        }
    }

    /// <summary>An upload read from the caller's stream, which must hold at least <see cref="Length"/> bytes.</summary>
    public sealed class FromStream(Stream source, long length) : Upload
    {
        public override long Length => length;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => source.ReadAsync(buffer, cancellationToken);
    }
}
