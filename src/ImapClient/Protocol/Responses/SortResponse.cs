namespace Imap.Protocol.Responses;

/// <summary>SORT (RFC 5256 §4): the numbers in sort order, with the MODSEQ of RFC 7162 §3.1.5.</summary>
internal sealed record SortResponse(IReadOnlyList<uint> Numbers, ulong? ModSeq) : ImapResponse;
