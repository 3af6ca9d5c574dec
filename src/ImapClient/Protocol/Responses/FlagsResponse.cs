namespace Imap.Protocol.Responses;

/// <summary>FLAGS (RFC 9051 §7.3.5): the flags defined in the selected mailbox.</summary>
internal sealed record FlagsResponse(FlagSet Flags) : ImapResponse;
