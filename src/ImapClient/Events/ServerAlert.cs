namespace Imap;

/// <summary>An ALERT (RFC 9051 §7.1): text the server requires be shown to the user.</summary>
/// <param name="Text">The alert.</param>
public sealed record ServerAlert(string Text) : MailboxEvent;
