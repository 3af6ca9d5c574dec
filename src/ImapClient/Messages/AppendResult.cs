namespace Imap;

/// <summary>
/// What APPEND reported about the message it added (RFC 4315 APPENDUID): the destination mailbox's UIDVALIDITY and the
/// new UID(s). A server without UIDPLUS reports neither; then both are null and the message can only be found again by
/// searching (for example by its Message-ID).
/// </summary>
public sealed class AppendResult
{
    internal AppendResult(uint? uidValidity, UidSet? uids)
    {
        UidValidity = uidValidity;
        Uids = uids;
    }

    /// <summary>The destination mailbox's UIDVALIDITY, which <see cref="Uids"/> belong to; null without UIDPLUS.</summary>
    public uint? UidValidity { get; }

    /// <summary>The UIDs of the appended messages, in the order they were appended; null without UIDPLUS.</summary>
    public UidSet? Uids { get; }

    /// <summary>The new UID when exactly one message was appended and the server reported it.</summary>
    public Uid? Uid => Uids is { IsBounded: true, Count: 1 } single ? single.First() : null;

    /// <inheritdoc/>
    public override string ToString() => UidValidity is { } validity ? $"UIDVALIDITY {validity} UIDs {Uids}" : "no UIDs reported";
}
