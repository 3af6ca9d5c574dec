namespace Imap.Protocol.Responses;

/// <summary>VANISHED (RFC 7162 §3.2.10): UIDs expunged; EARLIER when it reports the past (QRESYNC, UID FETCH).</summary>
internal sealed record VanishedResponse(bool Earlier, UidSet Uids) : ImapResponse;
