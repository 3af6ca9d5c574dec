namespace Imap;

/// <summary>A body part's Content-Disposition (RFC 2183) as reported in BODYSTRUCTURE.</summary>
public sealed class ContentDisposition
{
    internal ContentDisposition(FoldedText type, BodyParameters parameters)
    {
        Type = type.Lower;
        RawType = type.Raw;
        Parameters = parameters;
    }

    /// <summary>"inline", "attachment", or another disposition type, in lower case (case-insensitive by RFC 2183 §2).</summary>
    public string Type { get; }

    /// <summary>The disposition type as the server sent it, e.g. "ATTACHMENT".</summary>
    public string RawType { get; }

    /// <summary>Its parameters, such as filename; names in lower case.</summary>
    public BodyParameters Parameters { get; }

    /// <summary>Whether <see cref="Type"/> is "attachment".</summary>
    public bool IsAttachment => Type == "attachment";
}
