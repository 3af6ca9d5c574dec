namespace Imap;

/// <summary>A body part's Content-Disposition (RFC 2183) as reported in BODYSTRUCTURE.</summary>
public sealed class ContentDisposition
{
    internal ContentDisposition(string type, BodyParameters parameters)
    {
        Type = type;
        Parameters = parameters;
    }

    /// <summary>"inline", "attachment", or another disposition type, as sent.</summary>
    public string Type { get; }

    /// <summary>Its parameters, such as filename.</summary>
    public BodyParameters Parameters { get; }

    /// <summary>Whether <see cref="Type"/> is "attachment".</summary>
    public bool IsAttachment => Type.Equals("attachment", StringComparison.OrdinalIgnoreCase);
}
