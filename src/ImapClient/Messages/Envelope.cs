using Imap.Mime;

namespace Imap;

/// <summary>
/// The envelope of a message (RFC 9051 §7.5.2 <c>envelope</c>): the parsed main header fields. Text fields are
/// decoded from RFC 2047 encoded words on first access; the raw bytes stay available.
/// </summary>
public sealed class Envelope
{
    private const byte DateUnparsed = 0;
    private const byte DateAbsent = 1;
    private const byte DateParsed = 2;

    // Date, Subject, In-Reply-To and Message-ID as sent, one after another in one array (one allocation per envelope
    // rather than one per field); a length of -1 is NIL. The decoded forms are made on first access. Readers on
    // several threads may race to make one: each makes the same value, and a string is published whole; the date is
    // published by a volatile write of its state after its parts.
    private readonly byte[] raw;
    private readonly int dateLength;
    private readonly int subjectLength;
    private readonly int inReplyToLength;
    private readonly int messageIdLength;
    private string? subject;
    private string? inReplyTo;
    private string? messageId;
    private long dateTicks;
    private short dateOffsetMinutes;
    private byte dateState;

    internal Envelope(
        EnvelopeText text,
        IReadOnlyList<Address> from,
        IReadOnlyList<Address> sender,
        IReadOnlyList<Address> replyTo,
        IReadOnlyList<Address> to,
        IReadOnlyList<Address> cc,
        IReadOnlyList<Address> bcc)
    {
        raw = text.Raw;
        dateLength = text.DateLength;
        subjectLength = text.SubjectLength;
        inReplyToLength = text.InReplyToLength;
        messageIdLength = text.MessageIdLength;
        From = from;
        Sender = sender;
        ReplyTo = replyTo;
        To = to;
        Cc = cc;
        Bcc = bcc;
    }

    /// <summary>The Date header field (RFC 5322 §3.3, obsolete forms accepted), or null when absent or unparseable.</summary>
    public DateTimeOffset? Date
    {
        get
        {
            byte state = Volatile.Read(ref dateState);
            if (state == DateUnparsed)
            {
                if (dateLength >= 0 && MessageDate.TryParse(Field(0, dateLength), out var parsed))
                {
                    dateTicks = parsed.Ticks;
                    dateOffsetMinutes = (short)(parsed.Offset.Ticks / TimeSpan.TicksPerMinute);
                    Volatile.Write(ref dateState, DateParsed);
                    return parsed;
                }

                Volatile.Write(ref dateState, DateAbsent);
                return null;
            }

            return state == DateParsed ? new DateTimeOffset(dateTicks, TimeSpan.FromMinutes(dateOffsetMinutes)) : null;
        }
    }

    /// <summary>The Date header field's bytes as sent, or empty.</summary>
    public ReadOnlyMemory<byte> RawDate => Memory(0, dateLength);

    /// <summary>The Subject, decoded (RFC 2047), or null when the message has none.</summary>
    public string? Subject => subjectLength < 0 ? null : subject ??= EncodedWords.DecodeText(Field(SubjectStart, subjectLength));

    /// <summary>The Subject's bytes as sent, or empty.</summary>
    public ReadOnlyMemory<byte> RawSubject => Memory(SubjectStart, subjectLength);

    /// <summary>From.</summary>
    public IReadOnlyList<Address> From { get; }

    /// <summary>Sender (servers fill it from From when absent).</summary>
    public IReadOnlyList<Address> Sender { get; }

    /// <summary>Reply-To (servers fill it from From when absent).</summary>
    public IReadOnlyList<Address> ReplyTo { get; }

    /// <summary>To.</summary>
    public IReadOnlyList<Address> To { get; }

    /// <summary>Cc.</summary>
    public IReadOnlyList<Address> Cc { get; }

    /// <summary>Bcc.</summary>
    public IReadOnlyList<Address> Bcc { get; }

    /// <summary>In-Reply-To, as sent (one or more message ids in angle brackets), or null.</summary>
    public string? InReplyTo => inReplyToLength < 0 ? null : inReplyTo ??= Text(InReplyToStart, inReplyToLength);

    /// <summary>Message-ID, as sent (in angle brackets), or null.</summary>
    public string? MessageId => messageIdLength < 0 ? null : messageId ??= Text(MessageIdStart, messageIdLength);

    private int SubjectStart => Math.Max(dateLength, 0);

    private int InReplyToStart => SubjectStart + Math.Max(subjectLength, 0);

    private int MessageIdStart => InReplyToStart + Math.Max(inReplyToLength, 0);

    private ReadOnlySpan<byte> Field(int start, int length) => raw.AsSpan(start, length);

    private ReadOnlyMemory<byte> Memory(int start, int length) => length < 0 ? default : raw.AsMemory(start, length);

    private string Text(int start, int length) => Protocol.RawString.Decode(Field(start, length));
}
