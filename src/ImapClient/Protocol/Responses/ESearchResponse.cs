namespace Imap.Protocol.Responses;

/// <summary>ESEARCH (RFC 4731, RFC 9051 §7.3.4) with PARTIAL (RFC 9394) and MODSEQ (RFC 7162).</summary>
/// <param name="Tag">The tag of the command it answers, from (TAG "..."), or null.</param>
/// <param name="IsUid">Whether the numbers are UIDs.</param>
internal sealed record ESearchResponse(string? Tag, bool IsUid) : ImapResponse
{
    public uint? Min { get; init; }

    public uint? Max { get; init; }

    public uint? Count { get; init; }

    /// <summary>ALL: the matching numbers, in sequence-set syntax.</summary>
    public UidSet? All { get; init; }

    public ulong? ModSeq { get; init; }

    /// <summary>PARTIAL (RFC 9394): the requested range and the numbers found in it.</summary>
    public (long First, long Last, UidSet? Numbers)? Partial { get; init; }
}
