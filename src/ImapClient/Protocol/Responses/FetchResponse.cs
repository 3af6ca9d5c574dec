namespace Imap.Protocol.Responses;

/// <summary>
/// FETCH (RFC 9051 §7.5.2): the data items of one message. Items the server did not send are null. Built while the
/// response is parsed, so that the small items are known before a streamed body arrives.
/// </summary>
/// <remarks>
/// One is made per message of a fetch and kept by its <see cref="MessageSummary"/>, so it is laid out small: the
/// numbers are stored without <see cref="Nullable{T}"/> wrappers, beside one byte saying which are present, and the
/// items few fetches carry live in a <see cref="FetchRareItems"/> made only when one of them arrives.
/// </remarks>
internal sealed record FetchResponse(uint SequenceNumber) : ImapResponse
{
    private uint uid;
    private Present present;
    private short internalDateOffsetMinutes;
    private long internalDateTicks;
    private ulong size;
    private ulong modSeq;
    private FetchRareItems? rare;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        Uid = 1,
        InternalDate = 2,
        Size = 4,
        ModSeq = 8,
    }

    public uint? Uid
    {
        get => (present & Present.Uid) != 0 ? uid : null;
        set => Store(ref uid, value, Present.Uid);
    }

    public FlagSet? Flags { get; set; }

    public DateTimeOffset? InternalDate
    {
        get => (present & Present.InternalDate) != 0 ? new DateTimeOffset(internalDateTicks, TimeSpan.FromMinutes(internalDateOffsetMinutes)) : null;
        set
        {
            // Kept as its parts, so that the offset packs beside the other small fields (an offset is whole minutes).
            Store(ref internalDateTicks, value?.Ticks, Present.InternalDate);
            internalDateOffsetMinutes = (short)(value?.TotalOffsetMinutes ?? 0);
        }
    }

    public ulong? Size
    {
        get => (present & Present.Size) != 0 ? size : null;
        set => Store(ref size, value, Present.Size);
    }

    public Envelope? Envelope { get; set; }

    /// <summary>BODYSTRUCTURE, or BODY without a section (non-extensible form).</summary>
    public BodyPart? BodyStructure { get; set; }

    public ulong? ModSeq
    {
        get => (present & Present.ModSeq) != 0 ? modSeq : null;
        set => Store(ref modSeq, value, Present.ModSeq);
    }

    public string? EmailId
    {
        get => rare?.EmailId;
        set => Rare(value is not null)?.EmailId = value;
    }

    /// <summary>THREADID (RFC 8474); null with <see cref="HasThreadIdNil"/> when the server said NIL.</summary>
    public string? ThreadId
    {
        get => rare?.ThreadId;
        set => Rare(value is not null)?.ThreadId = value;
    }

    public bool HasThreadIdNil
    {
        get => rare?.HasThreadIdNil == true;
        set => Rare(value)?.HasThreadIdNil = value;
    }

    /// <summary>SAVEDATE (RFC 8514); null with <see cref="HasSaveDateNil"/> when the server said NIL.</summary>
    public DateTimeOffset? SaveDate
    {
        get => rare?.SaveDate;
        set => Rare(value is not null)?.SaveDate = value;
    }

    public bool HasSaveDateNil
    {
        get => rare?.HasSaveDateNil == true;
        set => Rare(value)?.HasSaveDateNil = value;
    }

    public string? Preview
    {
        get => rare?.Preview;
        set => Rare(value is not null)?.Preview = value;
    }

    public ulong? GmailMessageId
    {
        get => rare?.GmailMessageId;
        set => Rare(value is not null)?.GmailMessageId = value;
    }

    public ulong? GmailThreadId
    {
        get => rare?.GmailThreadId;
        set => Rare(value is not null)?.GmailThreadId = value;
    }

    public IReadOnlyList<string>? GmailLabels
    {
        get => rare?.GmailLabels;
        set => Rare(value is not null)?.GmailLabels = value;
    }

    /// <summary>BODY[section], BINARY[section], RFC822, RFC822.HEADER, RFC822.TEXT that were buffered with the response.</summary>
    public List<FetchBodySection>? Sections
    {
        get => rare?.Sections;
        set => Rare(value is not null)?.Sections = value;
    }

    /// <summary>BINARY.SIZE[section] (RFC 3516).</summary>
    public List<KeyValuePair<string, ulong>>? BinarySizes
    {
        get => rare?.BinarySizes;
        set => Rare(value is not null)?.BinarySizes = value;
    }

    /// <summary>Items that failed to parse and were skipped, with the reason; the other items are valid.</summary>
    public List<string>? MalformedItems
    {
        get => rare?.MalformedItems;
        set => Rare(value is not null)?.MalformedItems = value;
    }

    /// <summary>Items this library does not know, by name, with their raw value.</summary>
    public List<KeyValuePair<string, byte[]>>? OtherItems
    {
        get => rare?.OtherItems;
        set => Rare(value is not null)?.OtherItems = value;
    }

    /// <summary>The side object, made when a value is stored in it; null when there is nothing to store or clear.</summary>
    private FetchRareItems? Rare(bool storing) => storing ? rare ??= new FetchRareItems() : rare;

    private void Store<T>(ref T field, T? value, Present bit)
        where T : struct
    {
        if (value is { } set)
        {
            field = set;
            present |= bit;
        }
        else
        {
            field = default;
            present &= ~bit;
        }
    }
}
