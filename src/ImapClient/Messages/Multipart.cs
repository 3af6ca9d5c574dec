namespace Imap;

/// <summary>A multipart body (RFC 9051 §7.5.2 <c>body-type-mpart</c>).</summary>
public sealed class Multipart : BodyPart
{
    internal Multipart(IReadOnlyList<BodyPart> parts, BodyTypeNames names, BodyParameters parameters, string section, BodyPartExtras? extras)
        : base(names, parameters, section, extras)
    {
        Parts = parts;
    }

    /// <summary>The parts, in order.</summary>
    public IReadOnlyList<BodyPart> Parts { get; }
}
