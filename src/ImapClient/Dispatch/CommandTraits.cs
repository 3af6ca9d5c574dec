namespace Imap;

/// <summary>
/// What a command needs and does, for the pipelining rules of RFC 9051 §5.5: the dispatcher sends a command as soon
/// as these traits and the commands already in flight allow, and holds it back otherwise.
/// </summary>
[Flags]
public enum CommandTraits
{
    /// <summary>Independent of everything: may run beside any command.</summary>
    None = 0,

    /// <summary>
    /// Changes the selected mailbox or the connection state (SELECT, EXAMINE, CLOSE, UNSELECT, LOGIN, STARTTLS,
    /// AUTHENTICATE, COMPRESS, IDLE, LOGOUT, ENABLE): it waits for every command before it, and every command after it
    /// waits for it.
    /// </summary>
    Barrier = 1,

    /// <summary>Works on the selected mailbox (FETCH, STORE, SEARCH, COPY, MOVE, EXPUNGE ...).</summary>
    RequiresSelected = 2,

    /// <summary>May cause EXPUNGE responses (EXPUNGE, UID EXPUNGE, MOVE, CLOSE; NOOP and CHECK may report them).</summary>
    MayExpunge = 4,

    /// <summary>
    /// Names messages by sequence number: it must not run while a command that may cause EXPUNGE is in flight, as
    /// the numbers would shift under it (RFC 9051 §5.5).
    /// </summary>
    UsesSequenceNumbers = 8,

    /// <summary>Reads the flags of its message set (FETCH FLAGS, SEARCH on flags).</summary>
    ReadsFlags = 16,

    /// <summary>Changes the flags of its message set (STORE): it must not overlap a command reading them.</summary>
    WritesFlags = 32,

    /// <summary>
    /// Saves its result as <c>$</c> (SEARCH RETURN (SAVE), RFC 5182 §2): it waits for the commands in flight that use
    /// <c>$</c>, so that it cannot change the set under them.
    /// </summary>
    SavesSearchResult = 64,

    /// <summary>
    /// Names messages by <c>$</c>, the saved search result (RFC 5182 §2). A command whose UID set is
    /// <see cref="UidSet.SavedResult"/> counts as one without this trait.
    /// </summary>
    UsesSearchResult = 128,
}
