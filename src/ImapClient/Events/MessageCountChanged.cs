namespace Imap;

/// <summary>EXISTS (RFC 9051 §7.4.1): the selected mailbox now holds <paramref name="Count"/> messages.</summary>
/// <param name="Count">The new number of messages.</param>
public sealed record MessageCountChanged(uint Count) : MailboxEvent;
