namespace Imap;

/// <summary>
/// A case-insensitive MIME token (type, subtype, transfer encoding, disposition type; RFC 2045 §5.1, §6.1, RFC 2183 §2)
/// in lower case, with the spelling the server sent beside it (Cyrus sends them in upper case).
/// </summary>
/// <param name="Lower">The token in ASCII lower case.</param>
/// <param name="Raw">The token as sent.</param>
internal readonly record struct FoldedText(string Lower, string Raw);
