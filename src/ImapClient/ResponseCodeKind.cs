namespace Imap;

/// <summary>
/// The response codes this library understands: RFC 9051 §7.1, RFC 5530, and the extension RFCs that define them.
/// Any other code is <see cref="Other"/>, with its name and arguments preserved.
/// </summary>
public enum ResponseCodeKind
{
    /// <summary>A code this library does not know; see <see cref="ResponseCode.Name"/> and <see cref="ResponseCode.RawArguments"/>.</summary>
    Other,

    /// <summary>ALERT: the text must be shown to the user (RFC 9051 §7.1).</summary>
    Alert,

    /// <summary>BADCHARSET: the search charset is not supported; the supported ones are in <see cref="ResponseCode.Atoms"/>.</summary>
    BadCharset,

    /// <summary>CAPABILITY: the capabilities, in <see cref="ResponseCode.Atoms"/>.</summary>
    Capability,

    /// <summary>PARSE: a message's header or MIME structure could not be parsed.</summary>
    Parse,

    /// <summary>PERMANENTFLAGS: the flags that can be stored permanently.</summary>
    PermanentFlags,

    /// <summary>READ-ONLY: the mailbox is selected read-only.</summary>
    ReadOnly,

    /// <summary>READ-WRITE: the mailbox is selected read-write.</summary>
    ReadWrite,

    /// <summary>TRYCREATE: the destination mailbox does not exist; creating it first may succeed (APPEND, COPY, MOVE).</summary>
    TryCreate,

    /// <summary>UIDNEXT: the next UID to be assigned, in <see cref="ResponseCode.Number"/>.</summary>
    UidNext,

    /// <summary>UIDVALIDITY, in <see cref="ResponseCode.Number"/>.</summary>
    UidValidity,

    /// <summary>UNSEEN (RFC 3501): the sequence number of the first unseen message.</summary>
    Unseen,

    /// <summary>APPENDUID (RFC 4315): the destination UIDVALIDITY and the new UIDs.</summary>
    AppendUid,

    /// <summary>COPYUID (RFC 4315): the destination UIDVALIDITY, the source UIDs and the destination UIDs.</summary>
    CopyUid,

    /// <summary>UIDNOTSTICKY (RFC 4315): the mailbox does not keep UIDs across sessions.</summary>
    UidNotSticky,

    /// <summary>HIGHESTMODSEQ (RFC 7162), in <see cref="ResponseCode.Number"/>.</summary>
    HighestModSeq,

    /// <summary>NOMODSEQ (RFC 7162): the mailbox has no mod-sequences.</summary>
    NoModSeq,

    /// <summary>MODIFIED (RFC 7162): the UIDs in <see cref="ResponseCode.SourceSet"/> failed the UNCHANGEDSINCE test.</summary>
    Modified,

    /// <summary>CLOSED (RFC 7162): the previously selected mailbox is now closed.</summary>
    Closed,

    /// <summary>ALREADYEXISTS (RFC 5530): the mailbox already exists.</summary>
    AlreadyExists,

    /// <summary>NONEXISTENT (RFC 5530): the mailbox does not exist.</summary>
    Nonexistent,

    /// <summary>AUTHENTICATIONFAILED (RFC 5530): wrong credentials.</summary>
    AuthenticationFailed,

    /// <summary>AUTHORIZATIONFAILED (RFC 5530): the credentials are right but may not act as that identity.</summary>
    AuthorizationFailed,

    /// <summary>EXPIRED (RFC 5530): the credentials have expired.</summary>
    Expired,

    /// <summary>PRIVACYREQUIRED (RFC 5530): the operation needs an encrypted connection.</summary>
    PrivacyRequired,

    /// <summary>CONTACTADMIN (RFC 5530): the user should contact the administrator.</summary>
    ContactAdmin,

    /// <summary>NOPERM (RFC 5530): no permission for the operation.</summary>
    NoPerm,

    /// <summary>INUSE (RFC 5530): the resource is in use; trying again later may succeed.</summary>
    InUse,

    /// <summary>EXPUNGEISSUED (RFC 5530): some of the messages were expunged by another session.</summary>
    ExpungeIssued,

    /// <summary>CORRUPTION (RFC 5530): the server found corrupted data.</summary>
    Corruption,

    /// <summary>SERVERBUG (RFC 5530): the server hit a bug.</summary>
    ServerBug,

    /// <summary>CLIENTBUG (RFC 5530): the server thinks the client did something wrong, yet carried out the command.</summary>
    ClientBug,

    /// <summary>CANNOT (RFC 5530): the operation violates a rule of the server and will never succeed.</summary>
    CannotDo,

    /// <summary>LIMIT (RFC 5530): a server limit was hit; a smaller request may succeed.</summary>
    Limit,

    /// <summary>OVERQUOTA (RFC 5530): the quota is exceeded.</summary>
    OverQuota,

    /// <summary>UNAVAILABLE (RFC 5530): a subsystem is down; trying again later may succeed.</summary>
    Unavailable,

    /// <summary>HASCHILDREN (RFC 5530): the mailbox has children and cannot be deleted.</summary>
    HasChildren,

    /// <summary>UNKNOWN-CTE (RFC 3516): the server cannot decode the content transfer encoding.</summary>
    UnknownCte,

    /// <summary>NOTSAVED (RFC 5182): the search result was not saved.</summary>
    NotSaved,

    /// <summary>MAILBOXID (RFC 8474), in <see cref="ResponseCode.Argument"/>.</summary>
    MailboxId,

    /// <summary>USEATTR (RFC 6154): the special-use attribute is not supported.</summary>
    UseAttr,

    /// <summary>COMPRESSIONACTIVE (RFC 4978): compression is already active.</summary>
    CompressionActive,

    /// <summary>METADATA (RFC 5464): a metadata limit; the sub-code is in <see cref="ResponseCode.Argument"/>.</summary>
    Metadata,

    /// <summary>BADCOMPARATOR (RFC 5255): the comparator is not supported.</summary>
    BadComparator,

    /// <summary>ANNOTATE (RFC 5257): an annotation limit.</summary>
    Annotate,

    /// <summary>ANNOTATIONS (RFC 5257): the annotation support of the mailbox.</summary>
    Annotations,

    /// <summary>URLMECH (RFC 4467): the URLAUTH mechanisms.</summary>
    UrlMech,

    /// <summary>BADURL (RFC 4469): a CATENATE URL was invalid.</summary>
    BadUrl,

    /// <summary>TOOBIG (RFC 4469): the message is too big.</summary>
    TooBig,

    /// <summary>NOTIFICATIONOVERFLOW (RFC 5465 §5.8): notifications were lost (raised as <see cref="NotificationsOverflowed"/>); resynchronise.</summary>
    NotificationOverflow,

    /// <summary>BADEVENT (RFC 5465 §5.9): NOTIFY asked for events the server does not support; their names are in <see cref="ResponseCode.Atoms"/>.</summary>
    BadEvent,

    /// <summary>REFERRAL (RFC 2221): the mailbox is on another server.</summary>
    Referral,
}
