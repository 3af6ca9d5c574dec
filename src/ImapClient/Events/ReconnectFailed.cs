namespace Imap;

/// <summary>
/// The client gave up reconnecting (the <see cref="ReconnectPolicy"/> said no more, or the attempts ran out). The
/// client is closed for good: commands fail with <see cref="ImapConnectionException"/>, and the events end after this.
/// </summary>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record ReconnectFailed(int Attempts, Exception LastError) : MailboxEvent;
