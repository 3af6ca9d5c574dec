namespace Imap;

/// <summary>What to fetch for each message (RFC 9051 §6.4.5). The UID is always fetched.</summary>
[Flags]
public enum FetchItems
{
    /// <summary>Only the UID.</summary>
    None = 0,

    /// <summary>FLAGS.</summary>
    Flags = 1,

    /// <summary>INTERNALDATE.</summary>
    InternalDate = 2,

    /// <summary>RFC822.SIZE.</summary>
    Size = 4,

    /// <summary>ENVELOPE.</summary>
    Envelope = 8,

    /// <summary>BODYSTRUCTURE.</summary>
    BodyStructure = 16,

    /// <summary>MODSEQ (RFC 7162; needs CONDSTORE).</summary>
    ModSeq = 32,

    /// <summary>EMAILID and THREADID (RFC 8474; needs OBJECTID).</summary>
    ObjectIds = 64,

    /// <summary>PREVIEW (RFC 8970; needs PREVIEW).</summary>
    Preview = 128,

    /// <summary>Flags, internal date, size, envelope and body structure: what a message list shows.</summary>
    Summary = Flags | InternalDate | Size | Envelope | BodyStructure,
}
