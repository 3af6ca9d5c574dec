namespace Imap;

/// <summary>What GETMETADATA returned (RFC 5464 §4.2, §4.4.1). From <see cref="ImapClient.GetMetadataAsync"/>.</summary>
public sealed class MetadataResult
{
    internal MetadataResult(string mailbox, IReadOnlyList<MetadataEntry> entries, long? longEntries)
    {
        Mailbox = mailbox;
        Entries = entries;
        LongEntries = longEntries;
    }

    /// <summary>The mailbox, or "" for the server's own metadata.</summary>
    public string Mailbox { get; }

    /// <summary>The entries the server returned, in its order; an entry with a null value does not exist.</summary>
    public IReadOnlyList<MetadataEntry> Entries { get; }

    /// <summary>
    /// [METADATA LONGENTRIES n] (RFC 5464 §4.2.1): entries were left out for being larger than
    /// <see cref="MetadataOptions.MaxSize"/>, the largest being n octets; null when none was.
    /// </summary>
    public long? LongEntries { get; }

    /// <summary>The entry with this name, compared ignoring case (RFC 5464 §3.2), or null.</summary>
    /// <param name="name">The entry name.</param>
    public MetadataEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Entries)
        {
            if (entry.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
