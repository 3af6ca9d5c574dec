using Imap.Mime;

namespace Imap;

/// <summary>
/// The envelope of a message (RFC 9051 §7.5.2 <c>envelope</c>): the parsed main header fields. Text fields are
/// decoded from RFC 2047 encoded words on first access; the raw bytes stay available.
/// </summary>
public sealed class Envelope
{
    private readonly byte[]? rawDate;
    private readonly byte[]? rawSubject;
    private string? subject;
    private DateTimeOffset? date;
    private bool dateParsed;

    internal Envelope(
        byte[]? rawDate,
        byte[]? rawSubject,
        IReadOnlyList<Address> from,
        IReadOnlyList<Address> sender,
        IReadOnlyList<Address> replyTo,
        IReadOnlyList<Address> to,
        IReadOnlyList<Address> cc,
        IReadOnlyList<Address> bcc,
        string? inReplyTo,
        string? messageId)
    {
        this.rawDate = rawDate;
        this.rawSubject = rawSubject;
        From = from;
        Sender = sender;
        ReplyTo = replyTo;
        To = to;
        Cc = cc;
        Bcc = bcc;
        InReplyTo = inReplyTo;
        MessageId = messageId;
    }

    /// <summary>The Date header field (RFC 5322 §3.3, obsolete forms accepted), or null when absent or unparseable.</summary>
    public DateTimeOffset? Date
    {
        get
        {
            if (!dateParsed)
            {
                date = rawDate is not null && MessageDate.TryParse(rawDate, out var parsed) ? parsed : null;
                dateParsed = true;
            }

            return date;
        }
    }

    /// <summary>The Date header field's bytes as sent, or empty.</summary>
    public ReadOnlyMemory<byte> RawDate => rawDate;

    /// <summary>The Subject, decoded (RFC 2047), or null when the message has none.</summary>
    public string? Subject => rawSubject is null ? null : subject ??= EncodedWords.DecodeText(rawSubject);

    /// <summary>The Subject's bytes as sent, or empty.</summary>
    public ReadOnlyMemory<byte> RawSubject => rawSubject;

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
    public string? InReplyTo { get; }

    /// <summary>Message-ID, as sent (in angle brackets), or null.</summary>
    public string? MessageId { get; }
}
