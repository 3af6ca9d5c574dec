namespace Imap;

/// <summary>FLAGS (RFC 9051 §7.3.5) while a mailbox is selected: the flags defined in it changed.</summary>
/// <param name="Flags">The flags and keywords now defined.</param>
public sealed record MailboxFlagsChanged(FlagSet Flags) : MailboxEvent;
