namespace Imap;

/// <summary>Why the server refused a metadata command (RFC 5464 §4.3, the METADATA response code).</summary>
public enum MetadataProblem
{
    /// <summary>A METADATA code this library does not know.</summary>
    Other = 0,

    /// <summary>[METADATA MAXSIZE n]: a value is larger than the server accepts (n octets).</summary>
    MaxSize = 1,

    /// <summary>[METADATA TOOMANY]: the mailbox or server holds as many entries as it allows.</summary>
    TooMany = 2,

    /// <summary>[METADATA NOPRIVATE]: the server does not support private entries.</summary>
    NoPrivate = 3,
}
