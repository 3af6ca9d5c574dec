namespace Imap.Protocol.Responses;

/// <summary>
/// METADATA (RFC 5464 §4.4): entries with values (a GETMETADATA answer) or, unsolicited, just the names of entries
/// that changed (values null).
/// </summary>
internal sealed record MetadataResponse(MailboxName Mailbox, IReadOnlyList<KeyValuePair<string, byte[]?>> Entries)
    : ImapResponse;
