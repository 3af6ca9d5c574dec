namespace Imap;

/// <summary>
/// After a reconnect, what changed in the selected mailbox while the client was away is not known: the server does
/// not offer QRESYNC, it was not enabled (<see cref="ImapClientOptions.EnableExtensions"/>), or the mailbox has no
/// mod-sequences. The mailbox object is right again (<see cref="SelectedMailbox.Count"/> and the rest); an application
/// that keeps a local copy should resynchronise, for example with <see cref="ImapClient.SyncAsync"/>. Also raised when
/// UIDVALIDITY changed while away: then every UID known before is void, the <see cref="SelectedMailbox"/> from before
/// fails with <see cref="UidValidityChangedException"/>, and <see cref="ImapClient.Selected"/> is the new selection.
/// </summary>
/// <param name="Mailbox">The mailbox's name.</param>
/// <param name="UidValidityChanged">Whether UIDVALIDITY changed: start over rather than resynchronise.</param>
public sealed record ResyncRequired(string Mailbox, bool UidValidityChanged) : MailboxEvent;
