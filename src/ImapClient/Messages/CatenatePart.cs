using System.Globalization;
using System.Text;
using Imap.Dispatch;

namespace Imap;

/// <summary>
/// One part of a message built by <see cref="ImapClient.AppendCatenatedAsync"/> (CATENATE, RFC 4469): new text sent
/// with the command, or an IMAP URL (RFC 5092) naming a message or a part of one that the server already holds, whose
/// bytes the server copies in. The parts are joined as they are, byte for byte.
/// </summary>
public sealed class CatenatePart
{
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly Stream? stream;

    private CatenatePart(string? url, ReadOnlyMemory<byte> bytes, Stream? stream, long length)
    {
        Url = url;
        this.bytes = bytes;
        this.stream = stream;
        Length = length;
    }

    /// <summary>The IMAP URL of a URL part, as sent; null for text.</summary>
    public string? Url { get; }

    /// <summary>The length of a text part in bytes; 0 for a URL part (its size is known only to the server).</summary>
    public long Length { get; }

    /// <summary>Whether this part is text sent with the command (else a URL).</summary>
    public bool IsText => Url is null;

    /// <summary>New text, e.g. headers or a MIME boundary line, with CRLF line endings.</summary>
    /// <param name="text">The bytes.</param>
    /// <exception cref="ArgumentException">The text holds NUL, which a literal cannot carry (RFC 9051 §9 CHAR8).</exception>
    public static CatenatePart Text(ReadOnlyMemory<byte> text)
    {
        if (text.Span.Contains((byte)0))
        {
            throw new ArgumentException("A literal cannot hold NUL (RFC 9051 §9 CHAR8).", nameof(text));
        }

        return new CatenatePart(null, text, null, text.Length);
    }

    /// <summary>New text read from a stream as it is sent, in constant memory. The part can be sent once.</summary>
    /// <param name="content">The text, positioned at its first byte; it is not disposed.</param>
    /// <param name="length">Exactly how many bytes to send from <paramref name="content"/>.</param>
    public static CatenatePart TextFromStream(Stream content, long length)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new CatenatePart(null, default, content, length);
    }

    /// <summary>
    /// A message the server holds, or a section of it, by a relative IMAP URL built from typed values:
    /// <c>/mailbox;UIDVALIDITY=v/;UID=u</c>, with <c>/;SECTION=s</c> when <paramref name="section"/> is given (RFC 5092
    /// §6; mailbox and section are UTF-8 and percent-encoded).
    /// </summary>
    /// <param name="mailbox">The mailbox that holds the message.</param>
    /// <param name="uidValidity">That mailbox's UIDVALIDITY, so that a renumbered mailbox is not read by mistake.</param>
    /// <param name="uid">The message's UID.</param>
    /// <param name="section">A section as in FETCH BODY[...] (e.g. <c>HEADER</c>, <c>TEXT</c>, <c>1.2</c>, <c>1.MIME</c>), or null for the whole message.</param>
    /// <exception cref="ArgumentException">
    /// The mailbox is empty, or the mailbox or section holds CR, LF or NUL; <paramref name="uidValidity"/> is 0.
    /// </exception>
    public static CatenatePart Message(string mailbox, uint uidValidity, Uid uid, string? section = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        ArgumentOutOfRangeException.ThrowIfZero(uidValidity);
        ArgumentOutOfRangeException.ThrowIfZero(uid.Value, nameof(uid));
        if (section is { Length: 0 })
        {
            throw new ArgumentException("An empty section: pass null for the whole message.", nameof(section));
        }

        var url = new StringBuilder("/");
        AppendEncoded(url, mailbox, keepSlash: true, nameof(mailbox));
        url.Append(CultureInfo.InvariantCulture, $";UIDVALIDITY={uidValidity}/;UID={uid.Value}");
        if (section is not null)
        {
            url.Append("/;SECTION=");
            AppendEncoded(url, section, keepSlash: false, nameof(section));
        }

        return new CatenatePart(url.ToString(), default, null, 0);
    }

    /// <summary>
    /// A part by an IMAP URL given whole (RFC 5092), e.g. one from URLAUTH (RFC 4467). It is sent as it is, so it must
    /// be already percent-encoded: only printable ASCII without spaces is accepted.
    /// </summary>
    /// <param name="url">The URL.</param>
    /// <exception cref="ArgumentException">The URL is empty or holds a space, a control character (CR, LF, NUL ...) or non-ASCII.</exception>
    public static CatenatePart FromUrl(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        foreach (char c in url)
        {
            if (c is <= ' ' or > '~')
            {
                throw new ArgumentException("An IMAP URL is printable ASCII without spaces (percent-encode the rest, RFC 5092).", nameof(url));
            }
        }

        return new CatenatePart(url, default, null, 0);
    }

    /// <inheritdoc/>
    public override string ToString() => Url is null ? $"TEXT ({Length} bytes)" : $"URL {Url}";

    /// <summary>The literal's data source for one send, for a text part.</summary>
    internal Upload CreateUpload() => stream is null
        ? new Upload.FromMemory(bytes) { RefusedEnd = Upload.RefusedAfterCatenateText }
        : new Upload.FromStream(stream, Length) { RefusedEnd = Upload.RefusedAfterCatenateText };

    private static void AppendEncoded(StringBuilder url, string value, bool keepSlash, string paramName)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("CR, LF and NUL have no place in a mailbox name or section.", paramName);
        }

        byte[] utf8;
        try
        {
            utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The text holds an unpaired surrogate, which has no UTF-8 form.", paramName, e);
        }

        foreach (byte b in utf8)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' || (keepSlash && b == (byte)'/'))
            {
                url.Append((char)b);
            }
            else
            {
                url.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}
