namespace Imap;

/// <summary>Which mailboxes an event group of NOTIFY watches (RFC 5465 §6, filter-mailboxes).</summary>
public enum NotifyFilterKind
{
    /// <summary>SELECTED: the selected mailbox, whatever it is at the time; expunges are reported at once.</summary>
    Selected,

    /// <summary>SELECTED-DELAYED: the selected mailbox, with expunges held back until a command allows them (RFC 5465 §6.2).</summary>
    SelectedDelayed,

    /// <summary>INBOXES: the mailboxes where new mail is delivered (servers may treat this as <see cref="Personal"/>).</summary>
    Inboxes,

    /// <summary>PERSONAL: every mailbox in the user's personal namespaces.</summary>
    Personal,

    /// <summary>SUBSCRIBED: every subscribed mailbox.</summary>
    Subscribed,

    /// <summary>SUBTREE: the named mailboxes and every mailbox below them.</summary>
    Subtree,

    /// <summary>MAILBOXES: exactly the named mailboxes.</summary>
    Mailboxes,
}
