namespace Imap;

/// <summary>
/// Events were dropped here because the consumer of <see cref="ImapClient.ReadEventsAsync"/> fell more than
/// <see cref="ImapClientOptions.EventCapacity"/> events behind. The mailbox objects stay right (they are updated
/// before events are queued), but a consumer that tracks messages from events, by sequence number especially, has
/// missed expunges or new messages and should resynchronise (for example with a fetch of UIDs and flags, or QRESYNC).
/// </summary>
/// <param name="Count">How many events were dropped.</param>
public sealed record EventsDropped(long Count) : MailboxEvent;
