namespace Imap;

/// <summary>
/// The answer to a search with return options (RFC 4731 §3.1, RFC 9051 §7.3.4 ESEARCH): the parts that were asked for;
/// the others are null.
/// </summary>
public sealed class SearchResult
{
    internal SearchResult()
    {
    }

    /// <summary>MIN: the lowest matching UID; null when nothing matched or it was not asked for.</summary>
    public Uid? Min { get; internal init; }

    /// <summary>MAX: the highest matching UID; null when nothing matched or it was not asked for.</summary>
    public Uid? Max { get; internal init; }

    /// <summary>COUNT: how many messages matched; null when it was not asked for.</summary>
    public uint? Count { get; internal init; }

    /// <summary>ALL: every matching UID (empty when nothing matched); null when it was not asked for.</summary>
    public UidSet? All { get; internal init; }

    /// <summary>
    /// The highest mod-sequence of the matching messages, sent when the query holds a MODSEQ key (RFC 7162 §3.1.5);
    /// null otherwise.
    /// </summary>
    public ulong? HighestModSeq { get; internal init; }

    /// <inheritdoc/>
    public override string ToString() => $"MIN {Min} MAX {Max} COUNT {Count} ALL {All} MODSEQ {HighestModSeq}";
}
