namespace Imap.Protocol.Responses;

/// <summary>
/// FETCH (RFC 9051 §7.5.2): the data items of one message. Items the server did not send are null. Built while the
/// response is parsed, so that the small items are known before a streamed body arrives.
/// </summary>
internal sealed record FetchResponse(uint SequenceNumber) : ImapResponse
{
    public uint? Uid { get; set; }

    public FlagSet? Flags { get; set; }

    public DateTimeOffset? InternalDate { get; set; }

    public ulong? Size { get; set; }

    public Envelope? Envelope { get; set; }

    /// <summary>BODYSTRUCTURE, or BODY without a section (non-extensible form).</summary>
    public BodyPart? BodyStructure { get; set; }

    public ulong? ModSeq { get; set; }

    public string? EmailId { get; set; }

    /// <summary>THREADID (RFC 8474); null with <see cref="HasThreadIdNil"/> when the server said NIL.</summary>
    public string? ThreadId { get; set; }

    public bool HasThreadIdNil { get; set; }

    /// <summary>SAVEDATE (RFC 8514); null with <see cref="HasSaveDateNil"/> when the server said NIL.</summary>
    public DateTimeOffset? SaveDate { get; set; }

    public bool HasSaveDateNil { get; set; }

    public string? Preview { get; set; }

    public ulong? GmailMessageId { get; set; }

    public ulong? GmailThreadId { get; set; }

    public IReadOnlyList<string>? GmailLabels { get; set; }

    /// <summary>BODY[section], BINARY[section], RFC822, RFC822.HEADER, RFC822.TEXT that were buffered with the response.</summary>
    public List<FetchBodySection>? Sections { get; set; }

    /// <summary>BINARY.SIZE[section] (RFC 3516).</summary>
    public List<KeyValuePair<string, ulong>>? BinarySizes { get; set; }

    /// <summary>Items that failed to parse and were skipped, with the reason; the other items are valid.</summary>
    public List<string>? MalformedItems { get; set; }

    /// <summary>Items this library does not know, by name, with their raw value.</summary>
    public List<KeyValuePair<string, byte[]>>? OtherItems { get; set; }
}
