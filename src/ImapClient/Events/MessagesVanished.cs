namespace Imap;

/// <summary>VANISHED (RFC 7162 §3.2.10): these UIDs were expunged.</summary>
/// <param name="Uids">The expunged UIDs.</param>
/// <param name="Earlier">Whether the report is about the past (QRESYNC resynchronisation).</param>
public sealed record MessagesVanished(UidSet Uids, bool Earlier) : MailboxEvent;
