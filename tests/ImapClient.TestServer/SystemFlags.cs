using System.Diagnostics.CodeAnalysis;

namespace Imap.TestServer;

/// <summary>The IMAP system flags of a generated message.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "IMAP calls them system flags.")]
public enum SystemFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary><c>\Seen</c> (Maildir letter S).</summary>
    Seen = 1,

    /// <summary><c>\Answered</c> (Maildir letter R).</summary>
    Answered = 2,

    /// <summary><c>\Flagged</c> (Maildir letter F).</summary>
    Flagged = 4,

    /// <summary><c>\Deleted</c> (Maildir letter T).</summary>
    Deleted = 8,

    /// <summary><c>\Draft</c> (Maildir letter D).</summary>
    Draft = 16,
}
