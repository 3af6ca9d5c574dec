namespace Imap;

/// <summary>
/// The media type, subtype and transfer encoding of a body part, each in lower case beside its spelling as sent. A
/// mailbox has few combinations ("text" "plain" "quoted-printable" ...), so the parser shares one instance among the
/// parts that have the same (<see cref="Protocol.BodyTypeNamesCache"/>) and a part holds one reference instead of six.
/// </summary>
/// <param name="type">The media type.</param>
/// <param name="subtype">The media subtype.</param>
/// <param name="encoding">The transfer encoding; both strings null for a multipart, which has none.</param>
internal sealed class BodyTypeNames(FoldedText type, FoldedText subtype, FoldedText encoding)
{
    /// <summary>The media type of every multipart, which the server does not send.</summary>
    public static readonly FoldedText MultipartType = new("multipart", "multipart");

    public FoldedText Type { get; } = type;

    public FoldedText Subtype { get; } = subtype;

    public FoldedText Encoding { get; } = encoding;
}
