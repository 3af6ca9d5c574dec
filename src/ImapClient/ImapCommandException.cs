namespace Imap;

/// <summary>
/// The server refused a command with NO or BAD (RFC 9051 §7.1.2, §7.1.3). Only that command failed; the connection
/// and every other command go on. <see cref="Code"/> tells why in a form code can act on: for example
/// <see cref="ResponseCodeKind.TryCreate"/> after COPY, MOVE or APPEND means the destination mailbox does not exist.
/// </summary>
public class ImapCommandException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name, e.g. "SELECT".</param>
    /// <param name="status">NO or BAD.</param>
    /// <param name="code">The response code, or null.</param>
    /// <param name="responseText">The server's human-readable text.</param>
    public ImapCommandException(string command, ImapStatus status, ResponseCode? code, string responseText)
        : this(command, status, code, responseText, $"{command} failed: {status.ToString().ToUpperInvariant()} {(code is null ? string.Empty : $"[{code.Name}] ")}{responseText}")
    {
    }

    /// <summary>Creates the exception with a message of the derived type's own.</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="status">NO or BAD.</param>
    /// <param name="code">The response code, or null.</param>
    /// <param name="responseText">The server's human-readable text.</param>
    /// <param name="message">The message.</param>
    protected ImapCommandException(string command, ImapStatus status, ResponseCode? code, string responseText, string message)
        : base(message)
    {
        Command = command;
        Status = status;
        Code = code;
        ResponseText = responseText;
    }

    /// <summary>The command's name, e.g. "SELECT".</summary>
    public string Command { get; }

    /// <summary><see cref="ImapStatus.No"/> or <see cref="ImapStatus.Bad"/>.</summary>
    public ImapStatus Status { get; }

    /// <summary>
    /// The response code (RFC 9051 §7.1, RFC 5530), e.g. NONEXISTENT, TRYCREATE or AUTHENTICATIONFAILED, or null
    /// when the server gave none. Codes this library does not know keep their name and arguments.
    /// </summary>
    public ResponseCode? Code { get; }

    /// <summary>The server's human-readable text.</summary>
    public string ResponseText { get; }

    /// <inheritdoc/>
    public override bool IsTransient => Code?.Kind is ResponseCodeKind.Unavailable or ResponseCodeKind.InUse or ResponseCodeKind.Limit;
}
