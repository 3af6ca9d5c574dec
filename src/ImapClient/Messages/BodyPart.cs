namespace Imap;

/// <summary>
/// One node of a message's MIME structure as reported by BODYSTRUCTURE or BODY (RFC 9051 §7.5.2 <c>body</c>):
/// a <see cref="Multipart"/> or a <see cref="SinglePart"/> (with its kinds <see cref="TextPart"/> and
/// <see cref="MessagePart"/>).
/// </summary>
public abstract class BodyPart
{
    private protected BodyPart(BodyTypeNames names, BodyParameters parameters, string section, BodyPartExtras? extras)
    {
        Names = names;
        Extras = extras;
        Parameters = parameters;
        Section = section;
    }

    /// <summary>
    /// The media type in lower case, e.g. "text" or "multipart" (case-insensitive by RFC 2045 §5.1; Cyrus sends "TEXT").
    /// </summary>
    public string MediaType => Names.Type.Lower;

    /// <summary>The media type as the server sent it; "multipart" for a multipart, whose type is not sent.</summary>
    public string RawMediaType => Names.Type.Raw;

    /// <summary>The media subtype in lower case, e.g. "plain" or "alternative".</summary>
    public string MediaSubtype => Names.Subtype.Lower;

    /// <summary>The media subtype as the server sent it.</summary>
    public string RawMediaSubtype => Names.Subtype.Raw;

    /// <summary>
    /// The Content-Type parameters (for a multipart, from its extension data; may be empty), names in lower case.
    /// </summary>
    public BodyParameters Parameters { get; }

    /// <summary>
    /// The part specifier to fetch this part with BODY[section] (RFC 9051 §6.4.5): "1", "2.1", ...; empty for the
    /// top-level multipart.
    /// </summary>
    public string Section { get; }

    /// <summary>Content-Disposition from the extension data, or null.</summary>
    public ContentDisposition? Disposition
    {
        get => Extras?.Disposition;
        init => ExtrasFor(value is not null)?.Disposition = value;
    }

    /// <summary>Content-Language from the extension data (may be empty).</summary>
    public IReadOnlyList<string> Languages
    {
        get => Extras?.Languages ?? [];
        init => ExtrasFor(value.Count > 0)?.Languages = value;
    }

    /// <summary>Content-Location from the extension data, or null.</summary>
    public string? Location
    {
        get => Extras?.Location;
        init => ExtrasFor(value is not null)?.Location = value;
    }

    /// <summary>Type, subtype and encoding, shared with other parts that have the same (see <see cref="BodyTypeNames"/>).</summary>
    private protected BodyTypeNames Names { get; }

    /// <summary>The fields most parts leave empty, or null when all of them are (see <see cref="BodyPartExtras"/>).</summary>
    private protected BodyPartExtras? Extras { get; private set; }

    /// <summary>"type/subtype" in lower case.</summary>
    public string ContentType => $"{MediaType}/{MediaSubtype}";

    /// <summary>Whether the media type and subtype match, ignoring case.</summary>
    /// <param name="mediaType">e.g. "text".</param>
    /// <param name="mediaSubtype">e.g. "plain".</param>
    public bool IsMediaType(string mediaType, string mediaSubtype) =>
        MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
        && MediaSubtype.Equals(mediaSubtype, StringComparison.OrdinalIgnoreCase);

    /// <summary>The extras to store a value in, made when needed; null when there is nothing to store or clear.</summary>
    private protected BodyPartExtras? ExtrasFor(bool storing) => storing ? Extras ??= new BodyPartExtras() : Extras;

    /// <summary>This part and every part below it, depth first, without recursion.</summary>
    public IEnumerable<BodyPart> Flatten()
    {
        var stack = new Stack<BodyPart>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var part = stack.Pop();
            yield return part;
            IReadOnlyList<BodyPart> children = part switch
            {
                Multipart m => m.Parts,
                MessagePart { Body: { } body } => [body],
                _ => [],
            };
            for (int i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }
}
