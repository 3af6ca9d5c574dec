namespace Imap;

/// <summary>
/// The standard mailbox name attributes of LIST and LSUB (RFC 9051 §7.3.1, RFC 3501 §7.2.2, RFC 3348 CHILDREN,
/// RFC 5258 LIST-EXTENDED) and the special uses of RFC 6154. Attributes outside this set are kept as text in
/// <see cref="MailboxInfo.RawAttributes"/>.
/// </summary>
[Flags]
public enum MailboxAttributes
{
    /// <summary>No attribute.</summary>
    None = 0,

    /// <summary>\Noinferiors: no child mailbox can exist under this one (implies <see cref="HasNoChildren"/>).</summary>
    NoInferiors = 1 << 0,

    /// <summary>\Noselect: the name cannot be selected (a pure hierarchy node, or a \NonExistent one).</summary>
    NoSelect = 1 << 1,

    /// <summary>\NonExistent (RFC 5258 §3.4): the mailbox does not exist (implies <see cref="NoSelect"/>).</summary>
    NonExistent = 1 << 2,

    /// <summary>\HasChildren (RFC 3348, RFC 5258 §4): the mailbox has child mailboxes.</summary>
    HasChildren = 1 << 3,

    /// <summary>\HasNoChildren (RFC 3348, RFC 5258 §4): the mailbox has no child mailboxes.</summary>
    HasNoChildren = 1 << 4,

    /// <summary>\Marked: the server thinks there are new messages since the mailbox was last selected.</summary>
    Marked = 1 << 5,

    /// <summary>\Unmarked: no new messages since the mailbox was last selected.</summary>
    Unmarked = 1 << 6,

    /// <summary>\Subscribed (RFC 5258 §3.1): the name is subscribed.</summary>
    Subscribed = 1 << 7,

    /// <summary>\Remote (RFC 5258 §3.1): the mailbox lives on another server.</summary>
    Remote = 1 << 8,

    /// <summary>\All (RFC 6154 §2): a virtual mailbox presenting every message.</summary>
    All = 1 << 9,

    /// <summary>\Archive (RFC 6154 §2): where messages are archived.</summary>
    Archive = 1 << 10,

    /// <summary>\Drafts (RFC 6154 §2): where drafts are kept.</summary>
    Drafts = 1 << 11,

    /// <summary>\Flagged (RFC 6154 §2): a virtual mailbox presenting every \Flagged message.</summary>
    Flagged = 1 << 12,

    /// <summary>\Junk (RFC 6154 §2): where messages judged to be spam are kept.</summary>
    Junk = 1 << 13,

    /// <summary>\Sent (RFC 6154 §2): where copies of sent messages are kept.</summary>
    Sent = 1 << 14,

    /// <summary>\Trash (RFC 6154 §2): where deleted messages are moved to.</summary>
    Trash = 1 << 15,

    /// <summary>\Important (RFC 8457): messages the server deems important.</summary>
    Important = 1 << 16,
}
