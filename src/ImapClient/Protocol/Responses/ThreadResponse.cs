namespace Imap.Protocol.Responses;

/// <summary>THREAD (RFC 5256 §4): the threads, each a tree.</summary>
internal sealed record ThreadResponse(IReadOnlyList<ThreadNode> Threads) : ImapResponse;

/// <summary>
/// One node of a thread tree: a message number (0 for a placeholder whose parent is missing, as in "((3)(5))")
/// and its children.
/// </summary>
internal sealed record ThreadNode(uint Number, IReadOnlyList<ThreadNode> Children);
