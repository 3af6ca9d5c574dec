namespace Imap.Protocol.Responses;

/// <summary>The tagged completion of a command (RFC 9051 §7.1).</summary>
/// <param name="Tag">The tag exactly as the server sent it.</param>
/// <param name="Status">OK, NO or BAD.</param>
/// <param name="Code">The response code, if any.</param>
/// <param name="Text">The human-readable text.</param>
internal sealed record TaggedResponse(string Tag, ResponseStatus Status, ResponseCode? Code, string Text) : ImapResponse;
