namespace Imap;

/// <summary>
/// An unsolicited FETCH with more than flags: with NOTIFY and <see cref="NotifyEventGroup.MessageNewFetch"/>, the items
/// of a message that just arrived in the selected mailbox (RFC 5465 §5.1). Body sections are not kept: fetch them from
/// the mailbox by UID.
/// </summary>
/// <param name="Message">The message's items as the server sent them.</param>
public sealed record MessageFetched(MessageSummary Message) : MailboxEvent;
