namespace Imap.Protocol.Responses;

/// <summary>EXISTS, RECENT or EXPUNGE (RFC 9051 §7.4.1, §7.3.2, §7.5.1).</summary>
internal sealed record MessageNumberResponse(MessageNumberKind Kind, uint Number) : ImapResponse;

/// <summary>Which of the number-only responses.</summary>
internal enum MessageNumberKind
{
    Exists,
    Recent,
    Expunge,
}
