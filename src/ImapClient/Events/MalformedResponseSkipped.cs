namespace Imap;

/// <summary>
/// The server sent a response that breaks the grammar; it was skipped as a unit and the connection goes on (if it
/// completed a command, that command failed with <see cref="ImapProtocolException"/>).
/// </summary>
/// <param name="Reason">What the parser expected.</param>
public sealed record MalformedResponseSkipped(string Reason) : MailboxEvent;
