using Imap.Protocol.Responses;

namespace Imap;

/// <summary>What a FETCH returned for one message (RFC 9051 §7.5.2). Items that were not fetched are null.</summary>
public sealed class MessageSummary
{
    // The parsed response itself, not a copy of its items: one object less per message of a fetch. Nothing writes to
    // a response once it has been handed to its command, so the summary reads what was parsed.
    private readonly FetchResponse fetch;

    internal MessageSummary(uint sequenceNumber, Uid uid)
        : this(new FetchResponse(sequenceNumber) { Uid = uid.Value }, NoSections)
    {
    }

    private MessageSummary(FetchResponse fetch, IReadOnlyDictionary<BodySection, ReadOnlyMemory<byte>> sections)
    {
        this.fetch = fetch;
        Sections = sections;
    }

    /// <summary>The summary of a parsed FETCH response that carries a UID; it keeps the response.</summary>
    internal static MessageSummary From(FetchResponse fetch, uint uid, IReadOnlyDictionary<BodySection, ReadOnlyMemory<byte>> sections)
    {
        System.Diagnostics.Debug.Assert(fetch.Uid == uid, "the summary's UID is the response's");
        return new(fetch, sections);
    }

    /// <summary>The message's sequence number at the time of the response.</summary>
    public uint SequenceNumber => fetch.SequenceNumber;

    /// <summary>The message's UID.</summary>
    public Uid Uid => new(fetch.Uid.GetValueOrDefault());

    /// <summary>FLAGS: system flags (<c>\Seen</c> ...) and keywords.</summary>
    public FlagSet? Flags { get => fetch.Flags; init => fetch.Flags = value; }

    /// <summary>INTERNALDATE: when the server received the message.</summary>
    public DateTimeOffset? InternalDate { get => fetch.InternalDate; init => fetch.InternalDate = value; }

    /// <summary>RFC822.SIZE in octets.</summary>
    public long? Size { get => (long?)fetch.Size; init => fetch.Size = (ulong?)value; }

    /// <summary>ENVELOPE.</summary>
    public Envelope? Envelope { get => fetch.Envelope; init => fetch.Envelope = value; }

    /// <summary>BODYSTRUCTURE.</summary>
    public BodyPart? Body { get => fetch.BodyStructure; init => fetch.BodyStructure = value; }

    /// <summary>MODSEQ (RFC 7162).</summary>
    public ulong? ModSeq { get => fetch.ModSeq; init => fetch.ModSeq = value; }

    /// <summary>EMAILID (RFC 8474).</summary>
    public string? EmailId { get => fetch.EmailId; init => fetch.EmailId = value; }

    /// <summary>THREADID (RFC 8474).</summary>
    public string? ThreadId { get => fetch.ThreadId; init => fetch.ThreadId = value; }

    /// <summary>PREVIEW (RFC 8970).</summary>
    public string? Preview { get => fetch.Preview; init => fetch.Preview = value; }

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
