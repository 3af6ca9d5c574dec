namespace Imap.Protocol.Responses;

/// <summary>LIST or LSUB (RFC 9051 §7.3.1, RFC 3501 §7.2.3) with the LIST-EXTENDED data of RFC 5258.</summary>
/// <param name="IsLsub">Whether this was LSUB.</param>
/// <param name="Attributes">Name attributes as sent (\HasChildren, \Noselect, \Sent ...).</param>
/// <param name="Delimiter">The hierarchy delimiter, or null for a flat name (NIL).</param>
/// <param name="Mailbox">The name.</param>
internal sealed record ListResponse(bool IsLsub, IReadOnlyList<string> Attributes, char? Delimiter, MailboxName Mailbox)
    : ImapResponse
{
    /// <summary>CHILDINFO (RFC 5258 §4): e.g. SUBSCRIBED.</summary>
    public IReadOnlyList<string> ChildInfo { get; init; } = [];

    /// <summary>OLDNAME (RFC 9051 §7.3.1): the name before a rename.</summary>
    public MailboxName? OldName { get; init; }
}
