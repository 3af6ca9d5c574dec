namespace Imap;

/// <summary>
/// An unsolicited STATUS (RFC 5465 §5.1-5.3): with NOTIFY, messages arrived in, were expunged from, or changed flags in
/// a mailbox other than the selected one; the answers of <c>NotifyAsync(..., status: true)</c> come this way too.
/// </summary>
/// <param name="Status">The mailbox and what the server sent of it (typically MESSAGES, UIDNEXT, UNSEEN, UIDVALIDITY, HIGHESTMODSEQ).</param>
public sealed record MailboxStatusChanged(MailboxStatus Status) : MailboxEvent;
