namespace Imap;

/// <summary>What to record with a message added by APPEND (RFC 9051 §6.3.12), and who hears how it goes.</summary>
public sealed record AppendOptions
{
    /// <summary>Flags to set, e.g. <see cref="MessageFlag.Seen"/>; null or empty for none. Not <c>\Recent</c>.</summary>
    public FlagSet? Flags { get; init; }

    /// <summary>The internal date to record (RFC 9051 §2.3.3), or null for "now".</summary>
    public DateTimeOffset? InternalDate { get; init; }

    /// <summary>Told how many bytes of the message were sent so far, once per 64 KiB piece. Null for none.</summary>
    public IProgress<long>? Progress { get; init; }
}
