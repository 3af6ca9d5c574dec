namespace Imap.Protocol;

/// <summary>Why a response did not parse, and where.</summary>
/// <param name="Message">What was expected.</param>
/// <param name="Offset">Byte offset within the response.</param>
internal readonly record struct ParseError(string Message, long Offset)
{
    public ImapProtocolException ToException() => new($"Malformed response at byte {Offset}: {Message}.", Offset);
}
