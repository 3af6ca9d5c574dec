namespace Imap;

/// <summary>
/// EXPUNGE (RFC 9051 §7.5.1): the message with this sequence number is gone; higher numbers moved down by one.
/// </summary>
/// <param name="SequenceNumber">The number the message had.</param>
public sealed record MessageExpunged(uint SequenceNumber) : MailboxEvent;
