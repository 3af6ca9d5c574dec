namespace Imap.Protocol.Responses;

/// <summary>One parsed server response (RFC 9051 §7): tagged, untagged or a continuation request.</summary>
internal abstract record ImapResponse
{
}
