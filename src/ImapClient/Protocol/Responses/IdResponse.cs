namespace Imap.Protocol.Responses;

/// <summary>ID (RFC 2971 §3.2): the server's field/value pairs, or none when it said NIL.</summary>
internal sealed record IdResponse(IReadOnlyList<KeyValuePair<string, string?>> Fields) : ImapResponse;
