namespace Imap;

/// <summary>
/// An unsolicited LIST (RFC 5465 §5.4, §5.5): with NOTIFY, a mailbox was created, deleted (<see cref="IsDeleted"/>),
/// renamed (<see cref="MailboxInfo.OldName"/>), subscribed or unsubscribed (<see cref="MailboxAttributes.Subscribed"/>),
/// or is no longer accessible.
/// </summary>
/// <param name="Mailbox">The mailbox as the server listed it.</param>
public sealed record MailboxListChanged(MailboxInfo Mailbox) : MailboxEvent
{
    /// <summary>Whether the mailbox no longer exists (\NonExistent): deleted, or renamed away.</summary>
    public bool IsDeleted => (Mailbox.Attributes & MailboxAttributes.NonExistent) != 0;
}
