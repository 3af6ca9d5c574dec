namespace Imap;

/// <summary>What messages are sorted by (RFC 5256 §3 <c>sort-key</c>, RFC 5957 DISPLAYFROM and DISPLAYTO).</summary>
public enum SortKey
{
    /// <summary>ARRIVAL: the internal date.</summary>
    Arrival = 0,

    /// <summary>CC: the first Cc address's mailbox part.</summary>
    Cc,

    /// <summary>DATE: the Date header (the internal date when it is missing).</summary>
    Date,

    /// <summary>FROM: the first From address's mailbox part.</summary>
    From,

    /// <summary>SIZE: RFC822.SIZE.</summary>
    Size,

    /// <summary>SUBJECT: the base subject (RFC 5256 §2.1).</summary>
    Subject,

    /// <summary>TO: the first To address's mailbox part.</summary>
    To,

    /// <summary>DISPLAYFROM: the first From address's display name, else its address (RFC 5957 §3); needs SORT=DISPLAY.</summary>
    DisplayFrom,

    /// <summary>DISPLAYTO: the first To address's display name, else its address (RFC 5957 §3); needs SORT=DISPLAY.</summary>
    DisplayTo,
}
