namespace Imap;

/// <summary>
/// An encapsulated message, message/rfc822 or message/global (RFC 9051 §7.5.2 <c>body-type-msg</c>): its envelope,
/// its own structure and its size in lines.
/// </summary>
public sealed class MessagePart : SinglePart
{
    internal MessagePart(
        BodyTypeNames names,
        BodyParameters parameters,
        string section,
        long size,
        BodyPartExtras? extras,
        Envelope? envelope,
        BodyPart? body,
        long lines)
        : base(names, parameters, section, size, extras)
    {
        Envelope = envelope;
        Body = body;
        Lines = lines;
    }

    /// <summary>The encapsulated message's envelope.</summary>
    public Envelope? Envelope { get; }

    /// <summary>The encapsulated message's structure.</summary>
    public BodyPart? Body { get; }

    /// <summary>Size in text lines.</summary>
    public long Lines { get; }
}
