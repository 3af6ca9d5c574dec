namespace Imap;

/// <summary>
/// What an extended LIST asks for (RFC 9051 §6.3.9, RFC 5258, RFC 5819, RFC 6154). Features the server does not offer
/// are replaced by equivalent commands where there are any (see each property).
/// </summary>
public sealed record MailboxListOptions
{
    /// <summary>Options for every mailbox: the pattern "*", no reference, no selection or return options.</summary>
    public MailboxListOptions()
    {
    }

    /// <summary>Options for the mailboxes matching these patterns.</summary>
    /// <param name="patterns">One or more patterns, e.g. "Archive/%".</param>
    public MailboxListOptions(params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Patterns = [.. patterns];
    }

    /// <summary>The reference name the patterns are relative to; empty (the default) for none.</summary>
    public string Reference { get; init; } = string.Empty;

    /// <summary>
    /// The patterns: "*" matches any part of a name, "%" any part within one hierarchy level. Several patterns go in
    /// one LIST under LIST-EXTENDED (RFC 5258 §3), else in one LIST each, with duplicates removed. Default: "*".
    /// </summary>
    public IReadOnlyList<string> Patterns { get; init; } = ["*"];

    /// <summary>Which mailboxes to report (selection options).</summary>
    public ListSelectionOptions Selection { get; init; }

    /// <summary>What to report about them (return options).</summary>
    public ListReturnOptions Return { get; init; }

    /// <summary>
    /// STATUS items to report for every selectable mailbox, or <see cref="StatusItems.None"/> (the default). Under
    /// LIST-STATUS (RFC 5819) they come with the LIST; otherwise the client sends one STATUS per selectable mailbox,
    /// all pipelined. A mailbox the server will not give a status for has a null <see cref="MailboxInfo.Status"/>. When
    /// the server answers BAD to APPENDLIMIT although it advertises it (Cyrus), the listing is done again without it,
    /// and for the rest of the connection APPENDLIMIT is left out and reported as null.
    /// </summary>
    public StatusItems Status { get; init; }
}
