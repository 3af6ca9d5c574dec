namespace Imap;

/// <summary>The events a NOTIFY event group asks for (RFC 5465 §5, the event names of RFC 5423).</summary>
[Flags]
public enum NotifyEvents
{
    /// <summary>No events: the group's mailboxes are not watched (NONE).</summary>
    None = 0,

    /// <summary>
    /// MessageNew: a message arrived. In the selected mailbox as EXISTS (and FETCH with
    /// <see cref="NotifyEventGroup.MessageNewFetch"/>); elsewhere as a STATUS (<see cref="MailboxStatusChanged"/>).
    /// Needs <see cref="MessageExpunge"/> too.
    /// </summary>
    MessageNew = 1,

    /// <summary>MessageExpunge: a message was expunged (EXPUNGE or VANISHED when selected, STATUS elsewhere). Needs <see cref="MessageNew"/> too.</summary>
    MessageExpunge = 2,

    /// <summary>FlagChange: a message's flags changed (FETCH when selected, STATUS elsewhere). Needs <see cref="MessageNew"/> and <see cref="MessageExpunge"/>.</summary>
    FlagChange = 4,

    /// <summary>AnnotationChange (RFC 5257): a message annotation changed. Needs <see cref="MessageNew"/> and <see cref="MessageExpunge"/>.</summary>
    AnnotationChange = 8,

    /// <summary>MailboxName: a mailbox was created, deleted or renamed (LIST, <see cref="MailboxListChanged"/>).</summary>
    MailboxName = 16,

    /// <summary>SubscriptionChange: a mailbox was subscribed or unsubscribed (LIST, <see cref="MailboxListChanged"/>).</summary>
    SubscriptionChange = 32,

    /// <summary>MailboxMetadataChange (RFC 5464): a mailbox's metadata changed (METADATA, <see cref="MetadataChanged"/>).</summary>
    MailboxMetadataChange = 64,

    /// <summary>ServerMetadataChange (RFC 5464): the server's metadata changed (METADATA with an empty mailbox name).</summary>
    ServerMetadataChange = 128,
}
