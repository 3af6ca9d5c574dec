namespace Imap.Protocol.Responses;

/// <summary>The FETCH items few responses carry (see <see cref="FetchResponse"/>), kept apart so that the others stay small.</summary>
internal sealed class FetchRareItems
{
    public string? EmailId { get; set; }

    public string? ThreadId { get; set; }

    public bool HasThreadIdNil { get; set; }

    public DateTimeOffset? SaveDate { get; set; }

    public bool HasSaveDateNil { get; set; }

    public string? Preview { get; set; }

    public ulong? GmailMessageId { get; set; }

    public ulong? GmailThreadId { get; set; }

    public IReadOnlyList<string>? GmailLabels { get; set; }

    public List<FetchBodySection>? Sections { get; set; }

    public List<KeyValuePair<string, ulong>>? BinarySizes { get; set; }

    public List<string>? MalformedItems { get; set; }

    public List<KeyValuePair<string, byte[]>>? OtherItems { get; set; }
}
