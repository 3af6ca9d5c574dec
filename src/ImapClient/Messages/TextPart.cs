namespace Imap;

/// <summary>A text/* part (RFC 9051 §7.5.2 <c>body-type-text</c>).</summary>
public sealed class TextPart : SinglePart
{
    internal TextPart(BodyTypeNames names, BodyParameters parameters, string section, long size, BodyPartExtras? extras, long lines)
        : base(names, parameters, section, size, extras)
    {
        Lines = lines;
    }

    /// <summary>Size in text lines.</summary>
    public long Lines { get; }
}
