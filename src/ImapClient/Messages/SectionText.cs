namespace Imap;

/// <summary>Which text of a message or part a <see cref="BodySection"/> names (RFC 9051 §6.4.5 <c>section-text</c>).</summary>
public enum SectionText
{
    /// <summary>The whole message, or the whole content of the part (<c>BODY[]</c>, <c>BODY[1.2]</c>).</summary>
    All,

    /// <summary>The header (<c>HEADER</c>): of the message, or of a message/rfc822 part.</summary>
    Header,

    /// <summary>Only the named header fields (<c>HEADER.FIELDS (...)</c>).</summary>
    HeaderFields,

    /// <summary>Every header field except the named ones (<c>HEADER.FIELDS.NOT (...)</c>).</summary>
    HeaderFieldsNot,

    /// <summary>The text after the header (<c>TEXT</c>): of the message, or of a message/rfc822 part.</summary>
    Text,

    /// <summary>The MIME header of a part (<c>1.MIME</c>); needs a part path.</summary>
    Mime,
}
