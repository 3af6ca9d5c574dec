namespace Imap;

/// <summary>A non-multipart body (RFC 9051 §7.5.2 <c>body-type-1part</c>, <c>body-fields</c>).</summary>
public class SinglePart : BodyPart
{
    internal SinglePart(FoldedText mediaType, FoldedText mediaSubtype, BodyParameters parameters, string section, SinglePartFields fields, BodyPartExtras? extras)
        : base(mediaType, mediaSubtype, parameters, section, extras)
    {
        Encoding = fields.Encoding.Lower;
        RawEncoding = fields.Encoding.Raw;
        Size = fields.Size;
    }

    /// <summary>Content-ID, or null.</summary>
    public string? Id => Extras?.Id;

    /// <summary>Content-Description, or null.</summary>
    public string? Description => Extras?.Description;

    /// <summary>
    /// Content-Transfer-Encoding in lower case, e.g. "7bit", "base64", "quoted-printable" (case-insensitive by RFC 2045
    /// §6.1); "7bit" when the server sent NIL.
    /// </summary>
    public string Encoding { get; }

    /// <summary>Content-Transfer-Encoding as the server sent it, e.g. "BASE64"; "7BIT" when it sent NIL.</summary>
    public string RawEncoding { get; }

    /// <summary>Size of the part in octets, in its transfer encoding.</summary>
    public long Size { get; }

    /// <summary>Content-MD5 from the extension data, or null.</summary>
    public string? Md5
    {
        get => Extras?.Md5;
        init => ExtrasFor(value is not null)?.Md5 = value;
    }

    /// <summary>The file name from Content-Disposition, or else from the Content-Type "name" parameter, or null.</summary>
    public string? FileName => Disposition?.Parameters["filename"] ?? Parameters["name"];
}

/// <summary>The fields every single part has, gathered while parsing (Content-ID and Content-Description go to <see cref="BodyPartExtras"/>).</summary>
internal readonly record struct SinglePartFields(FoldedText Encoding, long Size);
