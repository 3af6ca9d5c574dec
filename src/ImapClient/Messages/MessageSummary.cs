namespace Imap;

/// <summary>What a FETCH returned for one message (RFC 9051 §7.5.2). Items that were not fetched are null.</summary>
public sealed class MessageSummary
{
    internal MessageSummary(uint sequenceNumber, Uid uid)
    {
        SequenceNumber = sequenceNumber;
        Uid = uid;
    }

    /// <summary>The summary of a parsed FETCH response that carries a UID.</summary>
    internal static MessageSummary From(Protocol.Responses.FetchResponse fetch, uint uid, IReadOnlyDictionary<BodySection, ReadOnlyMemory<byte>> sections) =>
        new(fetch.SequenceNumber, new Uid(uid))
        {
            Flags = fetch.Flags,
            InternalDate = fetch.InternalDate,
            Size = (long?)fetch.Size,
            Envelope = fetch.Envelope,
            Body = fetch.BodyStructure,
            ModSeq = fetch.ModSeq,
            EmailId = fetch.EmailId,
            ThreadId = fetch.ThreadId,
            Preview = fetch.Preview,
            Sections = sections,
        };

    /// <summary>The message's sequence number at the time of the response.</summary>
    public uint SequenceNumber { get; }

    /// <summary>The message's UID.</summary>
    public Uid Uid { get; }

    /// <summary>FLAGS: system flags (<c>\Seen</c> ...) and keywords.</summary>
    public FlagSet? Flags { get; init; }

    /// <summary>INTERNALDATE: when the server received the message.</summary>
    public DateTimeOffset? InternalDate { get; init; }

    /// <summary>RFC822.SIZE in octets.</summary>
    public long? Size { get; init; }

    /// <summary>ENVELOPE.</summary>
    public Envelope? Envelope { get; init; }

    /// <summary>BODYSTRUCTURE.</summary>
    public BodyPart? Body { get; init; }

    /// <summary>MODSEQ (RFC 7162).</summary>
    public ulong? ModSeq { get; init; }

    /// <summary>EMAILID (RFC 8474).</summary>
    public string? EmailId { get; init; }

    /// <summary>THREADID (RFC 8474).</summary>
    public string? ThreadId { get; init; }

    /// <summary>PREVIEW (RFC 8970).</summary>
    public string? Preview { get; init; }

    /// <summary>
    /// The body sections asked for in <see cref="FetchRequest.Sections"/>, by the section asked for; a section the
    /// server answered with NIL (no such part) is absent.
    /// </summary>
    public IReadOnlyDictionary<BodySection, ReadOnlyMemory<byte>> Sections { get; init; } = NoSections;

    internal static IReadOnlyDictionary<BodySection, ReadOnlyMemory<byte>> NoSections { get; } =
        System.Collections.Frozen.FrozenDictionary<BodySection, ReadOnlyMemory<byte>>.Empty;

    /// <summary>The data of a section asked for in <see cref="FetchRequest.Sections"/>, or null when it was not returned.</summary>
    /// <param name="section">The section as it was asked for.</param>
    public ReadOnlyMemory<byte>? GetSection(BodySection section) =>
        Sections.TryGetValue(section, out var data) ? data : (ReadOnlyMemory<byte>?)null;

    /// <summary>Whether FLAGS was fetched and holds this flag, ignoring case (RFC 9051 §2.3.2).</summary>
    /// <param name="flag">e.g. <see cref="MessageFlag.Seen"/>.</param>
    public bool HasFlag(MessageFlag flag) => Flags?.Contains(flag) == true;
}
