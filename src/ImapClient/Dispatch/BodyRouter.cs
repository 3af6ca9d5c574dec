using System.Buffers;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// Where the streamed body literal being read goes (docs/design.md, "Dispatch"): to the command that claimed it, or,
/// when nobody can tell yet whose it is (the UID comes after the literal, which RFC 9051 allows), into a buffer kept
/// within a limit and attached to the FETCH response once that is complete. One body streams at a time: the reader
/// loop calls <see cref="Start"/>, <see cref="Data"/> and <see cref="End"/> in order.
/// </summary>
internal sealed class BodyRouter
{
    private PendingCommand? owner;
    private FetchResponse? unclaimedFetch;
    private ArrayBufferWriter<byte>? unclaimedBody;

    /// <summary>Largest body kept while its owner is unknown.</summary>
    public long MaxUnclaimed { get; set; } = ImapLimits.Default.MaxLiteralSize;

    /// <summary>A body begins; <paramref name="claimedBy"/> is the command that claimed it, or null to keep it for now.</summary>
    public void Start(FetchResponse prefix, PendingBody body, PendingCommand? claimedBy)
    {
        owner = claimedBy;
        if (claimedBy is not null)
        {
            claimedBy.OnBodyStart(prefix, body);
            return;
        }

        unclaimedFetch = prefix;
        unclaimedBody = new ArrayBufferWriter<byte>((int)Math.Min(body.Length, 64 * 1024) + 1);
    }

    /// <summary>
    /// A piece of the body. Returns what was dropped when an unclaimed body grows past <see cref="MaxUnclaimed"/>: it is
    /// then thrown away and left streamed (without data) in its response.
    /// </summary>
    public DroppedResponse? Data(ReadOnlySequence<byte> data)
    {
        if (owner is not null)
        {
            owner.OnBodyData(data);
            return null;
        }

        if (unclaimedBody is null)
        {
            return null;
        }

        if (unclaimedBody.WrittenCount + data.Length > MaxUnclaimed)
        {
            unclaimedBody = null;
            return new DroppedResponse(
                "FETCH", unclaimedFetch?.SequenceNumber, unclaimedFetch?.Uid, nameof(ImapLimits.MaxLiteralSize), MaxUnclaimed,
                $"a body that no command could claim before its UID arrived, over the limit of {MaxUnclaimed} bytes for buffering it");
        }

        foreach (var segment in data)
        {
            unclaimedBody.Write(segment.Span);
        }

        return null;
    }

    /// <summary>The body ended: its owner hears so, or the kept bytes become the data of the response's last section.</summary>
    public void End()
    {
        owner?.OnBodyEnd();
        owner = null;
        if (unclaimedFetch?.Sections is { Count: > 0 } sections && sections[^1].IsStreamed)
        {
            sections[^1] = sections[^1] with { Data = unclaimedBody?.WrittenSpan.ToArray(), IsStreamed = unclaimedBody is null };
        }

        unclaimedFetch = null;
        unclaimedBody = null;
    }
}
