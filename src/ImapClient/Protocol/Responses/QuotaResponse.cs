namespace Imap.Protocol.Responses;

/// <summary>QUOTA (RFC 9208 §5.1): a quota root's resources with usage and limit.</summary>
internal sealed record QuotaResponse(string Root, IReadOnlyList<QuotaResource> Resources) : ImapResponse;

/// <summary>One resource of a quota root, e.g. STORAGE in units of 1024 octets, or MESSAGE.</summary>
internal sealed record QuotaResource(string Name, long Usage, long Limit);
