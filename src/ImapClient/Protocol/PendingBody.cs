namespace Imap.Protocol;

/// <summary>A FETCH body literal that is delivered as a stream: which section it is and how long.</summary>
/// <param name="Item">BODY, BINARY or RFC822.</param>
/// <param name="Section">The section-spec between the brackets.</param>
/// <param name="Origin">The partial origin, or null.</param>
/// <param name="Length">The literal's length in bytes.</param>
internal readonly record struct PendingBody(string Item, string Section, ulong? Origin, long Length);
