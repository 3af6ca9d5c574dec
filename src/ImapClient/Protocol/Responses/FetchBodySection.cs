namespace Imap.Protocol.Responses;

/// <summary>
/// One body section of a FETCH: its name as sent (for BODY[1.MIME] the section is "1.MIME"; for RFC822.TEXT the
/// item is RFC822.TEXT and the section "TEXT"), its partial origin, and its data when it was buffered.
/// </summary>
/// <param name="Item">BODY, BINARY or RFC822 (RFC822.HEADER and RFC822.TEXT map to BODY[HEADER] and BODY[TEXT]).</param>
/// <param name="Section">The section-spec between the brackets.</param>
/// <param name="Origin">The origin octet of a partial fetch (&lt;n&gt;), or null.</param>
/// <param name="Data">The data; null when the server said NIL or when the data was streamed instead.</param>
/// <param name="IsStreamed">Whether the data was delivered as a stream rather than buffered.</param>
internal sealed record FetchBodySection(string Item, string Section, ulong? Origin, byte[]? Data, bool IsStreamed);
