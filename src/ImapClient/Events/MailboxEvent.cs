namespace Imap;

/// <summary>
/// Something the server reported without being asked (RFC 9051 §7: unilateral data): new messages, expunges, flag
/// changes by another client, alerts. Read them with <see cref="ImapClient.ReadEventsAsync"/>.
/// </summary>
public abstract record MailboxEvent;
