namespace Imap;

/// <summary>One resource of a quota root (RFC 9208 §5.1): its current usage and its limit.</summary>
public sealed class QuotaUsage
{
    /// <summary>STORAGE: the size of the messages, in units of 1024 octets (RFC 9208 §5.1.1).</summary>
    public const string Storage = "STORAGE";

    /// <summary>MESSAGE: the number of messages (RFC 9208 §5.1.2).</summary>
    public const string Message = "MESSAGE";

    /// <summary>MAILBOX: the number of mailboxes (RFC 9208 §5.1.3).</summary>
    public const string Mailbox = "MAILBOX";

    /// <summary>ANNOTATION-STORAGE: the size of annotations and metadata, in units of 1024 octets (RFC 9208 §5.1.4).</summary>
    public const string AnnotationStorage = "ANNOTATION-STORAGE";

    internal QuotaUsage(string resource, long usage, long limit)
    {
        Resource = resource;
        Usage = usage;
        Limit = limit;
    }

    /// <summary>The resource's name as the server sent it, e.g. <see cref="Storage"/>, <see cref="Message"/>, or one this library does not know.</summary>
    public string Resource { get; }

    /// <summary>
    /// The current usage, in the resource's unit: KiB (1024 octets) for <see cref="Storage"/> and
    /// <see cref="AnnotationStorage"/>, a count for <see cref="Message"/> and <see cref="Mailbox"/>. A <c>number64</c>
    /// (RFC 9208 §9), 0 to <see cref="long.MaxValue"/>.
    /// </summary>
    public long Usage { get; }

    /// <summary>
    /// The limit, in the resource's unit (see <see cref="Usage"/>), 0 to <see cref="long.MaxValue"/>. Usage may exceed it.
    /// </summary>
    public long Limit { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Resource} {Usage}/{Limit}";
}
