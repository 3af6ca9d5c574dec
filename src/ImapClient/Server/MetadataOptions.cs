namespace Imap;

/// <summary>Options of GETMETADATA (RFC 5464 §4.2).</summary>
public sealed record MetadataOptions
{
    private readonly long? maxSize;

    /// <summary>
    /// MAXSIZE (RFC 5464 §4.2.1): the largest value, in octets, the server may return; larger entries are left out and
    /// <see cref="MetadataResult.LongEntries"/> tells the size of the largest one. Null (the default): no limit asked.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long? MaxSize
    {
        get => maxSize;
        init
        {
            if (value is { } size)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(size);
            }

            maxSize = value;
        }
    }

    /// <summary>DEPTH (RFC 5464 §4.2.2). Default <see cref="MetadataDepth.Zero"/>: only the named entries.</summary>
    public MetadataDepth Depth { get; init; } = MetadataDepth.Zero;
}
