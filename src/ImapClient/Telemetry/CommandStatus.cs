namespace Imap.Telemetry;

/// <summary>
/// The values of the <c>imap.response.status</c> tag: the server's answer (ok, no, bad), or why there was none. A
/// fixed set: the tag's cardinality is bounded.
/// </summary>
internal static class CommandStatus
{
    public const string Ok = "ok";
    public const string No = "no";
    public const string Bad = "bad";

    /// <summary>The caller gave up (before or after the command was sent).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>A command or silence timeout broke the connection.</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection failed or was closed before the answer came.</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>The server's answer could not be read (malformed, lost framing, an unknown tag).</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>Refused before it was sent for another reason (the mailbox it needed is no longer selected).</summary>
    public const string Error = "error";

    /// <summary>The status a failure stands for.</summary>
    public static string Of(Exception error) => error switch
    {
        OperationCanceledException => Cancelled,
        ImapTimeoutException => Timeout,
        ImapProtocolException => ProtocolError,
        ImapCommandException { Status: ImapStatus.No } => No,
        ImapCommandException { Status: ImapStatus.Bad } => Bad,
        ImapConnectionException or IOException or ObjectDisposedException => ConnectionFailed,
        _ => Error,
    };
}
