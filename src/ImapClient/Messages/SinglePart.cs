namespace Imap;

/// <summary>A non-multipart body (RFC 9051 §7.5.2 <c>body-type-1part</c>, <c>body-fields</c>).</summary>
public class SinglePart : BodyPart
{
    internal SinglePart(BodyTypeNames names, BodyParameters parameters, string section, long size, BodyPartExtras? extras)
        : base(names, parameters, section, extras)
    {
        Size = size;
    }

    /// <summary>Content-ID, or null.</summary>
    public string? Id => Extras?.Id;

    /// <summary>Content-Description, or null.</summary>
    public string? Description => Extras?.Description;

    /// <summary>
    /// Content-Transfer-Encoding in lower case, e.g. "7bit", "base64", "quoted-printable" (case-insensitive by RFC 2045
    /// §6.1); "7bit" when the server sent NIL.
    /// </summary>
    public string Encoding => Names.Encoding.Lower;

    /// <summary>Content-Transfer-Encoding as the server sent it, e.g. "BASE64"; "7BIT" when it sent NIL.</summary>
    public string RawEncoding => Names.Encoding.Raw;

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
