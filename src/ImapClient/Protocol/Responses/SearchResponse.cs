namespace Imap.Protocol.Responses;

/// <summary>
/// SEARCH (RFC 9051 §7.3.6, RFC 3501 §7.2.5), with the MODSEQ of RFC 7162 §3.1.5. The numbers (UIDs or sequence
/// numbers, as the command asked) are kept as a compact set of ranges: a million consecutive numbers cost one range.
/// </summary>
internal sealed record SearchResponse(UidSet Numbers, ulong? ModSeq) : ImapResponse;
