namespace Imap;

/// <summary>
/// The text fields of an envelope as sent, one after another in <paramref name="Raw"/>: Date, Subject, In-Reply-To,
/// Message-ID; a length of -1 is NIL.
/// </summary>
internal readonly record struct EnvelopeText(byte[] Raw, int DateLength, int SubjectLength, int InReplyToLength, int MessageIdLength);
