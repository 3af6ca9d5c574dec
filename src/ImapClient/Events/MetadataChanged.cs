namespace Imap;

/// <summary>
/// An unsolicited METADATA (RFC 5464 §4.4.2, RFC 5465 §5.6, §5.7): entries of a mailbox's metadata changed, or of the
/// server's when <see cref="Mailbox"/> is empty. Read the new values with <c>GetMetadataAsync</c>.
/// </summary>
/// <param name="Mailbox">The mailbox, or the empty string for server metadata.</param>
/// <param name="Entries">The names of the entries that changed.</param>
public sealed record MetadataChanged(string Mailbox, IReadOnlyList<string> Entries) : MailboxEvent;
