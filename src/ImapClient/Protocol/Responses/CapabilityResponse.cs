namespace Imap.Protocol.Responses;

/// <summary>CAPABILITY (RFC 9051 §7.2.2), or ENABLED (RFC 5161 §3.2) when <paramref name="IsEnabled"/>.</summary>
internal sealed record CapabilityResponse(IReadOnlyList<string> Capabilities, bool IsEnabled) : ImapResponse;
