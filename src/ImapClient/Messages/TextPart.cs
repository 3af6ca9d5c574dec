namespace Imap;

/// <summary>A text/* part (RFC 9051 §7.5.2 <c>body-type-text</c>).</summary>
public sealed class TextPart : SinglePart
{
    internal TextPart(FoldedText mediaType, FoldedText mediaSubtype, BodyParameters parameters, string section, SinglePartFields fields, BodyPartExtras? extras, long lines)
        : base(mediaType, mediaSubtype, parameters, section, fields, extras)
    {
        Lines = lines;
    }

    /// <summary>Size in text lines.</summary>
    public long Lines { get; }
}
