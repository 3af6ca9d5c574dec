namespace Imap.Protocol.Responses;

/// <summary>An untagged response this library does not know, preserved: its name and raw bytes.</summary>
internal sealed record UnknownResponse(string Name, byte[] Raw) : ImapResponse;
