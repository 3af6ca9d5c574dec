namespace Imap;

/// <summary>
/// The server refused a command with NO or BAD (RFC 9051 §7.1.2, §7.1.3). Only that command failed; the connection
/// and every other command go on.
/// </summary>
public sealed class ImapCommandException : ImapException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command's name, e.g. "SELECT".</param>
    /// <param name="status">NO or BAD.</param>
    /// <param name="responseCode">The response code's name, e.g. "NONEXISTENT", or null.</param>
    /// <param name="responseText">The server's human-readable text.</param>
    public ImapCommandException(string command, ImapStatus status, string? responseCode, string responseText)
        : base($"{command} failed: {status.ToString().ToUpperInvariant()} {(responseCode is null ? string.Empty : $"[{responseCode}] ")}{responseText}")
    {
        Command = command;
        Status = status;
        ResponseCode = responseCode;
        ResponseText = responseText;
    }

    /// <summary>The command's name, e.g. "SELECT".</summary>
    public string Command { get; }

    /// <summary><see cref="ImapStatus.No"/> or <see cref="ImapStatus.Bad"/>.</summary>
    public ImapStatus Status { get; }

    /// <summary>The response code's name (RFC 5530), e.g. "NONEXISTENT" or "AUTHENTICATIONFAILED", or null.</summary>
    public string? ResponseCode { get; }

    /// <summary>The server's human-readable text.</summary>
    public string ResponseText { get; }

    /// <inheritdoc/>
    public override bool IsTransient => ResponseCode is "UNAVAILABLE" or "INUSE" or "LIMIT";
}
