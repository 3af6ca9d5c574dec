namespace Imap;

/// <summary>LIST selection options (RFC 5258 §3, RFC 6154 §5.1): which mailboxes LIST reports.</summary>
[Flags]
public enum ListSelectionOptions
{
    /// <summary>Every mailbox matching the patterns.</summary>
    None = 0,

    /// <summary>
    /// SUBSCRIBED: only subscribed names, whether the mailboxes exist or not; implies the SUBSCRIBED return option.
    /// Without LIST-EXTENDED this is LSUB.
    /// </summary>
    Subscribed = 1,

    /// <summary>REMOTE: remote mailboxes too (RFC 5258 §3). Without LIST-EXTENDED it is dropped: plain LIST decides.</summary>
    Remote = 2,

    /// <summary>
    /// RECURSIVEMATCH: also report a parent whose children match the other selection options, with CHILDINFO
    /// (RFC 5258 §3.5). Needs <see cref="Subscribed"/> or <see cref="SpecialUse"/> beside it, and LIST-EXTENDED.
    /// </summary>
    RecursiveMatch = 4,

    /// <summary>
    /// SPECIAL-USE: only mailboxes with a special use (RFC 6154 §5.1). When the server does not offer it, the client
    /// filters the full answer on the special-use attributes instead.
    /// </summary>
    SpecialUse = 8,
}
