namespace Imap.Protocol.Responses;

/// <summary>QUOTAROOT (RFC 9208 §5.2): the quota roots of a mailbox.</summary>
internal sealed record QuotaRootResponse(MailboxName Mailbox, IReadOnlyList<string> Roots) : ImapResponse;
