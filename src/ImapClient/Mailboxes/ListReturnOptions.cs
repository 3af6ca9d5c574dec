namespace Imap;

/// <summary>LIST return options (RFC 5258 §3, RFC 6154 §5.2): what LIST reports about each mailbox.</summary>
[Flags]
public enum ListReturnOptions
{
    /// <summary>What the server reports by default.</summary>
    None = 0,

    /// <summary>
    /// SUBSCRIBED: the \Subscribed attribute on subscribed mailboxes. Without LIST-EXTENDED the client asks LSUB beside
    /// LIST and merges the answers.
    /// </summary>
    Subscribed = 1,

    /// <summary>
    /// CHILDREN: \HasChildren or \HasNoChildren on every mailbox (RFC 5258 §4). Without LIST-EXTENDED it is not sent;
    /// servers with CHILDREN (RFC 3348) report them anyway.
    /// </summary>
    Children = 2,

    /// <summary>
    /// SPECIAL-USE: the special-use attributes (RFC 6154 §5.2). Sent only when the server offers SPECIAL-USE; many
    /// servers report special uses anyway.
    /// </summary>
    SpecialUse = 4,
}
