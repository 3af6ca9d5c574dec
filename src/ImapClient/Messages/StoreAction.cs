namespace Imap;

/// <summary>How STORE changes the flags (RFC 9051 §6.4.6).</summary>
public enum StoreAction
{
    /// <summary><c>+FLAGS</c>: add the flags, keep the others.</summary>
    Add,

    /// <summary><c>-FLAGS</c>: remove the flags, keep the others.</summary>
    Remove,

    /// <summary><c>FLAGS</c>: replace all flags with these.</summary>
    Replace,
}
