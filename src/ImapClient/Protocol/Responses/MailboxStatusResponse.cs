namespace Imap.Protocol.Responses;

/// <summary>STATUS (RFC 9051 §7.3.4) with RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 7889 APPENDLIMIT, RFC 8474
/// MAILBOXID. Items the server did not send are null.</summary>
internal sealed record MailboxStatusResponse(MailboxName Mailbox) : ImapResponse
{
    public uint? Messages { get; init; }

    public uint? Recent { get; init; }

    public uint? UidNext { get; init; }

    public uint? UidValidity { get; init; }

    public uint? Unseen { get; init; }

    public uint? Deleted { get; init; }

    public long? Size { get; init; }

    public ulong? HighestModSeq { get; init; }

    /// <summary>APPENDLIMIT; <see cref="long.MaxValue"/> when the server said NIL (no limit).</summary>
    public long? AppendLimit { get; init; }

    public string? MailboxId { get; init; }
}
