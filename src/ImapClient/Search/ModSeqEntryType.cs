namespace Imap;

/// <summary>
/// Which metadata item's mod-sequence a <see cref="SearchQuery.ModSeq(ulong, MessageFlag, ModSeqEntryType)"/> compares
/// (RFC 7162 §3.1.5 <c>entry-type-req</c>).
/// </summary>
public enum ModSeqEntryType
{
    /// <summary><c>all</c>: the larger of the private and the shared mod-sequence.</summary>
    All = 0,

    /// <summary><c>priv</c>: the flag's per-user (private) metadata.</summary>
    Private = 1,

    /// <summary><c>shared</c>: the flag's shared metadata.</summary>
    Shared = 2,
}
