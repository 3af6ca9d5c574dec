namespace Imap;

/// <summary>
/// A message is larger than the destination accepts: either the client refused it before sending a byte, because the
/// server announced a smaller APPENDLIMIT (RFC 7889, capability <c>APPENDLIMIT=n</c> or the mailbox's STATUS or LIST
/// APPENDLIMIT), or the server refused it with <c>NO [TOOBIG]</c> (RFC 4469, RFC 7889). Only that command failed; the
/// connection goes on. Catching <see cref="ImapCommandException"/> catches this too.
/// </summary>
public sealed class ImapMessageTooLargeException : ImapCommandException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name, e.g. "APPEND".</param>
    /// <param name="mailbox">The destination mailbox.</param>
    /// <param name="size">The message's size in bytes, when known.</param>
    /// <param name="limit">The limit in bytes, when known.</param>
    /// <param name="code">The server's response code (TOOBIG), or null when the client refused before sending.</param>
    /// <param name="responseText">The server's text, or empty when the client refused before sending.</param>
    public ImapMessageTooLargeException(string command, string mailbox, long? size, long? limit, ResponseCode? code, string responseText)
        : base(command, ImapStatus.No, code, responseText, Describe(command, mailbox, size, limit, code, responseText))
    {
        Mailbox = mailbox;
        Size = size;
        Limit = limit;
    }

    /// <summary>The destination mailbox.</summary>
    public string Mailbox { get; }

    /// <summary>The size of what was to be appended, in bytes, when known (for MULTIAPPEND, the largest message).</summary>
    public long? Size { get; }

    /// <summary>The largest message the destination accepts, in bytes, when the server announced it.</summary>
    public long? Limit { get; }

    /// <summary>True when the server refused (<c>[TOOBIG]</c>); false when the client refused before sending anything.</summary>
    public bool WasSent => Code is not null;

    private static string Describe(string command, string mailbox, long? size, long? limit, ResponseCode? code, string text)
    {
        string sizes = $"{(size is { } s ? $"the message is {s:N0} bytes" : "the message's size is unknown")}, "
            + $"{(limit is { } l ? $"the limit (APPENDLIMIT) is {l:N0} bytes" : "the server gave no limit")}";
        return code is null
            ? $"{command} to {mailbox} was not sent: {sizes} (RFC 7889)."
            : $"{command} to {mailbox} failed: NO [{code.Name}] {text} ({sizes}).";
    }
}
