using Imap.Dispatch;

namespace Imap;

/// <summary>
/// One message for <see cref="ImapClient.AppendManyAsync"/> (MULTIAPPEND, RFC 3502): its content, from memory or from
/// a stream of known length, and the flags and internal date to record with it. A message read from a stream can be
/// sent once.
/// </summary>
public sealed class AppendMessage
{
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly Stream? stream;

    /// <summary>A message already in memory.</summary>
    /// <param name="content">The whole message (RFC 5322), with CRLF line endings.</param>
    /// <exception cref="ArgumentException">The message holds NUL, which a literal cannot carry (RFC 9051 §9 CHAR8).</exception>
    public AppendMessage(ReadOnlyMemory<byte> content)
    {
        if (content.Span.Contains((byte)0))
        {
            throw new ArgumentException("A literal cannot hold NUL (RFC 9051 §9 CHAR8).", nameof(content));
        }

        bytes = content;
        Length = content.Length;
    }

    /// <summary>A message read from a stream as it is sent, in constant memory.</summary>
    /// <param name="content">The message, with CRLF line endings, positioned at its first byte; it is not disposed.</param>
    /// <param name="length">Exactly how many bytes to send from <paramref name="content"/>.</param>
    public AppendMessage(Stream content, long length)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        stream = content;
        Length = length;
    }

    /// <summary>The message's size in bytes.</summary>
    public long Length { get; }

    /// <summary>Flags to set, e.g. <see cref="MessageFlag.Seen"/>; null or empty for none. Not <c>\Recent</c>.</summary>
    public FlagSet? Flags { get; init; }

    /// <summary>The internal date to record (RFC 9051 §2.3.3), or null for "now".</summary>
    public DateTimeOffset? InternalDate { get; init; }

    /// <summary>Told how many bytes of this message were sent so far, once per 64 KiB piece. Null for none.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>The literal's data source for one send.</summary>
    internal Upload CreateUpload() => stream is null
        ? new Upload.FromMemory(bytes) { Progress = Progress }
        : new Upload.FromStream(stream, Length) { Progress = Progress };
}
