namespace Imap;

/// <summary>
/// The client is connected and logged in again after <see cref="ConnectionLost"/>, with the same extensions enabled
/// and the mailbox that was selected selected again; commands that waited now run. Events for what changed while away
/// (<see cref="MessagesVanished"/> with <c>Earlier</c>, <see cref="MessageFlagsChanged"/>, <see cref="MessageCountChanged"/>)
/// come before this one when the mailbox was resynchronised; otherwise a <see cref="ResyncRequired"/> does.
/// </summary>
/// <param name="Attempts">How many attempts it took (from 1).</param>
/// <param name="Resynchronised">
/// Whether the selected mailbox was brought up to date with QRESYNC (RFC 7162), so that the events before this one
/// tell everything that changed while away. False when no mailbox was selected or no resynchronisation was possible.
/// </param>
public sealed record Reconnected(int Attempts, bool Resynchronised) : MailboxEvent;
