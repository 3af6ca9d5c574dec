namespace Imap;

/// <summary>What STATUS reported about a mailbox (RFC 9051 §7.3.4); items not requested or not sent are null.</summary>
public sealed class MailboxStatus
{
    internal MailboxStatus(string name)
    {
        Name = name;
    }

    /// <summary>The mailbox.</summary>
    public string Name { get; }

    /// <summary>MESSAGES.</summary>
    public uint? Messages { get; init; }

    /// <summary>UIDNEXT.</summary>
    public uint? UidNext { get; init; }

    /// <summary>UIDVALIDITY.</summary>
    public uint? UidValidity { get; init; }

    /// <summary>UNSEEN.</summary>
    public uint? Unseen { get; init; }

    /// <summary>RECENT.</summary>
    public uint? Recent { get; init; }

    /// <summary>DELETED.</summary>
    public uint? Deleted { get; init; }

    /// <summary>SIZE (RFC 8438): the total size of the mailbox in octets, a <c>number64</c> that may pass 4 GiB.</summary>
    public long? Size { get; init; }

    /// <summary>HIGHESTMODSEQ.</summary>
    public ulong? HighestModSeq { get; init; }

    /// <summary>
    /// APPENDLIMIT (RFC 7889): the largest message in octets the mailbox accepts, a <c>number64</c>;
    /// <see cref="long.MaxValue"/> when the server said there is none (NIL), a limit no message can reach; null when not
    /// asked for or when the server refuses the item (Cyrus answers BAD to it).
    /// </summary>
    public long? AppendLimit { get; init; }

    /// <summary>MAILBOXID.</summary>
    public string? MailboxId { get; init; }
}
