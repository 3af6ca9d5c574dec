namespace Imap;

/// <summary>Fetches one chunk of a section: <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
/// <param name="offset">The first byte, from the start of the section.</param>
/// <param name="length">How many bytes to ask for; fewer come back at the end of the section.</param>
/// <param name="first">Whether this is the stream's first chunk (the one that may set \Seen).</param>
/// <param name="cancellationToken">Withdraws or abandons the fetch.</param>
internal delegate Task<byte[]> ChunkFetch(long offset, int length, bool first, CancellationToken cancellationToken);
