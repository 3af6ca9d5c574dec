namespace Imap;

/// <summary>
/// The connection dropped unexpectedly and the client is reconnecting (<see cref="ImapClientOptions.Reconnect"/>).
/// Commands that were pending failed with <see cref="ImapConnectionException"/>; commands issued from now on wait
/// for the link. <see cref="Reconnected"/> or <see cref="ReconnectFailed"/> follows.
/// </summary>
/// <param name="Reason">What happened, in words.</param>
/// <param name="Cause">The failure that ended the connection.</param>
public sealed record ConnectionLost(string Reason, Exception Cause) : MailboxEvent;
