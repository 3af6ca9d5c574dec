namespace Imap.Protocol.Responses;

/// <summary>An untagged OK, NO, BAD, PREAUTH or BYE (RFC 9051 §7.1); the greeting is one of these.</summary>
/// <param name="Status">The condition.</param>
/// <param name="Code">The response code, if any.</param>
/// <param name="Text">The human-readable text.</param>
internal sealed record StatusResponse(ResponseStatus Status, ResponseCode? Code, string Text) : ImapResponse;
