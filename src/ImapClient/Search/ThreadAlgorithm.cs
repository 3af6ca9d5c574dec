namespace Imap;

/// <summary>How THREAD groups messages (RFC 5256 §3 <c>thread-alg</c>, RFC 9051 capability <c>THREAD=...</c>).</summary>
public enum ThreadAlgorithm
{
    /// <summary>ORDEREDSUBJECT: by base subject, then by date (RFC 5256 §3); needs THREAD=ORDEREDSUBJECT.</summary>
    OrderedSubject = 0,

    /// <summary>REFERENCES: by the References and In-Reply-To headers (RFC 5256 §3); needs THREAD=REFERENCES.</summary>
    References,

    /// <summary>REFS: by references like REFERENCES, without grouping by subject (the INTHREAD draft of the IETF MORG group); needs THREAD=REFS.</summary>
    Refs,
}
