namespace Imap.Protocol.Responses;

/// <summary>A continuation request, "+" (RFC 9051 §7.5): the server is ready for a literal or SASL data.</summary>
/// <param name="Text">The text after "+ ", which for SASL is base64 data; empty when there is none.</param>
internal sealed record ContinuationResponse(string Text) : ImapResponse;
