namespace Imap.TestServer;

/// <summary>One message produced by <see cref="MailGenerator"/>: its exact bytes and what a client should see.</summary>
public sealed class GeneratedMessage
{
    /// <summary>The RFC 5322 message, CRLF line endings; exactly what is stored.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The INTERNALDATE (whole seconds, UTC), stored as the file modification time.</summary>
    public required DateTimeOffset InternalDate { get; init; }

    /// <summary>The date of the <c>Date</c> header, in the offset the header uses.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>System flags stored with the message.</summary>
    public required SystemFlags Flags { get; init; }

    /// <summary>Keywords stored with the message (for example <c>$Label1</c>); usually empty.</summary>
    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>The <c>Message-ID</c> header value, with angle brackets.</summary>
    public required string MessageId { get; init; }

    /// <summary>The <c>In-Reply-To</c> header value, or <see langword="null"/> when the message starts a thread.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The decoded subject; <see langword="null"/> when the message has no <c>Subject</c> header.</summary>
    public string? Subject { get; init; }

    /// <summary>The address of the sender (<c>local@domain</c>).</summary>
    public required string FromAddress { get; init; }

    /// <summary>The top-level media type, for example <c>multipart/mixed</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>The size in octets (RFC822.SIZE).</summary>
    public int Size => Content.Length;
}
