namespace Imap.Protocol.Responses;

/// <summary>SEARCH (RFC 9051 §7.3.6, RFC 3501 §7.2.5) or SORT (RFC 5256 §4), with the MODSEQ of RFC 7162.</summary>
internal sealed record SearchResponse(bool IsSort, IReadOnlyList<uint> Numbers, ulong? ModSeq) : ImapResponse;
