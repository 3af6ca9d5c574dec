namespace Imap;

/// <summary>How far below the named entries GETMETADATA goes (RFC 5464 §4.2.2, the DEPTH option).</summary>
public enum MetadataDepth
{
    /// <summary>Only the named entries (DEPTH 0, the default).</summary>
    Zero = 0,

    /// <summary>The named entries and their immediate children (DEPTH 1).</summary>
    One = 1,

    /// <summary>The named entries and everything below them (DEPTH infinity).</summary>
    Infinity = 2,
}
