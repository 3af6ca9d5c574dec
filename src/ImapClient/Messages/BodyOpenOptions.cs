namespace Imap;

/// <summary>
/// How <see cref="SelectedMailbox.OpenBodyAsync"/> reads a body: in
/// pipelined partial fetches (RFC 9051 §6.4.5 <c>BODY.PEEK[section]&lt;offset.length&gt;</c>) of
/// <see cref="ChunkSize"/> bytes, <see cref="ChunksInFlight"/> at a time.
/// </summary>
/// <remarks>
/// A stream holds at most <see cref="ChunksInFlight"/> + 1 chunks in memory (3 MiB and the one being read, by
/// default), whatever the size of the body. The connection's reader never waits for a stream's reader: each chunk is
/// small enough to be taken in whole, so a stream read slowly (or not at all) delays no other command, and closing
/// it early costs at most the chunks already asked for.
/// </remarks>
public sealed record BodyOpenOptions
{
    private readonly int chunkSize = 1024 * 1024;
    private readonly int chunksInFlight = 3;

    /// <summary>The defaults: 1 MiB chunks, 3 in flight, <c>\Seen</c> left alone, no progress.</summary>
    public static BodyOpenOptions Default { get; } = new();

    /// <summary>
    /// Whether reading sets the message's <c>\Seen</c> flag: the first chunk is fetched with <c>BODY[...]</c>
    /// instead of <c>BODY.PEEK[...]</c> (RFC 9051 §6.4.5). Default false.
    /// </summary>
    public bool MarkSeen { get; init; }

    /// <summary>
    /// Bytes asked for in one partial fetch, 1 byte to 64 MiB. Default 1 MiB: large enough that the commands cost
    /// little, small enough to buffer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 byte to 64 MiB.</exception>
    public int ChunkSize
    {
        get => chunkSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64 * 1024 * 1024);
            chunkSize = value;
        }
    }

    /// <summary>
    /// How many chunks are asked for ahead of the reader, 1 to 64. Default 3: enough that the link stays busy while
    /// one chunk's round trip is under way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 64.</exception>
    public int ChunksInFlight
    {
        get => chunksInFlight;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            chunksInFlight = value;
        }
    }

    /// <summary>
    /// Told how many bytes of the section have arrived and been handed to the stream so far (as the server sent them,
    /// before any transfer decoding), once per chunk, on the reading thread. Null for none.
    /// </summary>
    public IProgress<long>? Progress { get; init; }
}
