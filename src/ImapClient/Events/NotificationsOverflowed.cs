namespace Imap;

/// <summary>
/// <c>[NOTIFICATIONOVERFLOW]</c> (RFC 5465 §5.8): the server could not keep up and stopped sending NOTIFY events (it
/// behaves as after NOTIFY NONE). What the application knows of the watched mailboxes may be wrong: resynchronise them
/// (<see cref="ImapClient.SyncAsync"/>, STATUS) and call <see cref="ImapClient.NotifyAsync"/> again.
/// </summary>
/// <param name="Text">The server's text.</param>
public sealed record NotificationsOverflowed(string Text) : MailboxEvent;
