namespace Imap.Protocol;

/// <summary>How far the FETCH item parser got in one segment of a response.</summary>
internal enum FetchItemProgress
{
    /// <summary>The item list and the response are complete.</summary>
    Complete,

    /// <summary>The segment ends at the header of a body literal that the caller streams; then it parses on.</summary>
    BodyPending,

    /// <summary>The response is malformed beyond the item level.</summary>
    Malformed,
}
