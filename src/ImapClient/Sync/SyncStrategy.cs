namespace Imap;

/// <summary>How a mailbox is resynchronised, from the cheapest to the one every server supports.</summary>
public enum SyncStrategy
{
    /// <summary>The best the server offers: QRESYNC, else CONDSTORE, else plain IMAP.</summary>
    Automatic,

    /// <summary>
    /// QRESYNC (RFC 7162 §3.2): SELECT with the saved state; the server reports what vanished and what changed in the
    /// same round trip. Needs QRESYNC enabled on the connection and a saved HIGHESTMODSEQ.
    /// </summary>
    QResync,

    /// <summary>
    /// CONDSTORE (RFC 7162 §3.1): the flags changed since the saved mod-sequence (FETCH CHANGEDSINCE), and what
    /// vanished by comparing UID SEARCH ALL with the saved UIDs; pipelined after the SELECT.
    /// </summary>
    CondStore,

    /// <summary>Plain IMAP: UID SEARCH ALL, compared with the saved UIDs, and the flags of every saved UID still there.</summary>
    Plain,
}
