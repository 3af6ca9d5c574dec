namespace Imap;

/// <summary>What STATUS asks for (RFC 9051 §6.3.11 and extensions).</summary>
[Flags]
public enum StatusItems
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>MESSAGES: the number of messages.</summary>
    Messages = 1,

    /// <summary>UIDNEXT.</summary>
    UidNext = 2,

    /// <summary>UIDVALIDITY.</summary>
    UidValidity = 4,

    /// <summary>UNSEEN: messages without \Seen.</summary>
    Unseen = 8,

    /// <summary>RECENT (IMAP4rev1 only; IMAP4rev2 servers reject it).</summary>
    Recent = 16,

    /// <summary>DELETED (IMAP4rev2): messages with \Deleted.</summary>
    Deleted = 32,

    /// <summary>SIZE (RFC 8438, STATUS=SIZE): total size in octets.</summary>
    Size = 64,

    /// <summary>HIGHESTMODSEQ (RFC 7162, CONDSTORE).</summary>
    HighestModSeq = 128,

    /// <summary>APPENDLIMIT (RFC 7889).</summary>
    AppendLimit = 256,

    /// <summary>MAILBOXID (RFC 8474, OBJECTID).</summary>
    MailboxId = 512,
}
