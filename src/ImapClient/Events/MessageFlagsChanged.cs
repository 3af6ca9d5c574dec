namespace Imap;

/// <summary>An unsolicited FETCH with FLAGS (RFC 9051 §7.5.2): a message's flags changed, e.g. by another client.</summary>
/// <param name="SequenceNumber">The message's sequence number.</param>
/// <param name="Uid">Its UID when the server sent it.</param>
/// <param name="Flags">The flags it has now.</param>
/// <param name="ModSeq">Its new mod-sequence (RFC 7162), when the server sent it.</param>
public sealed record MessageFlagsChanged(uint SequenceNumber, Uid? Uid, FlagSet Flags, ulong? ModSeq) : MailboxEvent;
