namespace Imap;

/// <summary>The result of a command: its tagged status response (RFC 9051 §7.1).</summary>
public enum ImapStatus
{
    /// <summary>OK: the command succeeded.</summary>
    Ok,

    /// <summary>NO: the command failed (the request was understood).</summary>
    No,

    /// <summary>BAD: the command was not understood or not valid in this state.</summary>
    Bad,
}
