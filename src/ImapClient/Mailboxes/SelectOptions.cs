namespace Imap;

/// <summary>How to open a mailbox with <see cref="ImapClient.SelectAsync(string, SelectOptions?, CancellationToken)"/>.</summary>
public sealed class SelectOptions
{
    /// <summary>Open read-only with EXAMINE (RFC 9051 §6.3.3): nothing in the mailbox changes, \Seen included.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// SELECT ... (CONDSTORE) (RFC 7162 §3.1.8): have the server report HIGHESTMODSEQ and mod-sequences from this
    /// selection on, without enabling CONDSTORE for the whole connection. Needs CONDSTORE.
    /// </summary>
    public bool CondStore { get; init; }

    /// <summary>
    /// SELECT ... (QRESYNC (...)) (RFC 7162 §3.2.5): resynchronise in the same round trip, from what the caller saved
    /// last time; the server reports what vanished (VANISHED (EARLIER)) and what changed (FETCH with MODSEQ). Needs
    /// QRESYNC enabled on the connection (<see cref="ImapClientOptions.EnableExtensions"/>).
    /// </summary>
    public QResyncParameters? QResync { get; init; }
}
