using System.Globalization;
using Imap.Dispatch;

namespace Imap.Protocol.Responses;

/// <summary>The tagged completion of a command (RFC 9051 §7.1).</summary>
/// <remarks>
/// A tag in the dispatcher's own form ("A" and a number, <see cref="CommandTag"/>) is kept as its number: the
/// dispatcher finds its command by number, so the common completion allocates no tag text. Any other tag is kept as
/// sent.
/// </remarks>
internal sealed record TaggedResponse : ImapResponse
{
    private readonly string? tag;

    /// <summary>A completion with any tag.</summary>
    /// <param name="tag">The tag exactly as the server sent it.</param>
    /// <param name="status">OK, NO or BAD.</param>
    /// <param name="code">The response code, if any.</param>
    /// <param name="text">The human-readable text.</param>
    public TaggedResponse(string tag, ResponseStatus status, ResponseCode? code, string text)
        : this(CommandTag.Parse(tag), status, code, text)
    {
        if (TagNumber == 0)
        {
            this.tag = tag;
        }
    }

    /// <summary>A completion whose tag is in the dispatcher's form.</summary>
    /// <param name="tagNumber">The tag's number (positive).</param>
    /// <param name="status">OK, NO or BAD.</param>
    /// <param name="code">The response code, if any.</param>
    /// <param name="text">The human-readable text.</param>
    public TaggedResponse(long tagNumber, ResponseStatus status, ResponseCode? code, string text)
    {
        TagNumber = tagNumber;
        Status = status;
        Code = code;
        Text = text;
    }

    /// <summary>The number of a tag in the dispatcher's form; 0 for any other tag.</summary>
    public long TagNumber { get; }

    /// <summary>The tag exactly as the server sent it (made on demand for a tag kept as its number).</summary>
    public string Tag => tag ?? "A" + TagNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>OK, NO or BAD.</summary>
    public ResponseStatus Status { get; }

    /// <summary>The response code, if any.</summary>
    public ResponseCode? Code { get; }

    /// <summary>The human-readable text.</summary>
    public string Text { get; }
}
