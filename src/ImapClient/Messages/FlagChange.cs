namespace Imap;

/// <summary>
/// A change of flags for STORE (RFC 9051 §6.4.6): add, remove or replace flags and keywords; optionally only where a
/// message did not change since a mod-sequence (CONDSTORE UNCHANGEDSINCE, RFC 7162 §3.1.3).
/// </summary>
/// <example><code>await inbox.StoreAsync(uids, FlagChange.Add(MessageFlag.Seen) with { UnchangedSince = saved });</code></example>
public sealed record FlagChange
{
    private FlagChange(StoreAction action, FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Contains(MessageFlag.Recent))
        {
            throw new ArgumentException("\\Recent is set only by the server (RFC 3501 §2.3.2).", nameof(flags));
        }

        Action = action;
        Flags = flags;
    }

    /// <summary>Add, remove or replace.</summary>
    public StoreAction Action { get; }

    /// <summary>The flags added, removed, or set.</summary>
    public FlagSet Flags { get; }

    /// <summary>
    /// UNCHANGEDSINCE: change only messages whose mod-sequence is not above this; the others are reported in
    /// <see cref="StoreResult.Modified"/>. Needs CONDSTORE.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Past the 63-bit range of a mod-sequence (RFC 7162 §7).</exception>
    public ulong? UnchangedSince
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value ?? 0, (ulong)long.MaxValue, nameof(UnchangedSince));
            field = value;
        }
    }

    /// <summary>Whether the server should report each message's new flags (no <c>.SILENT</c>). Default false.</summary>
    public bool ReturnNewFlags { get; init; }

    /// <summary><c>+FLAGS</c>: adds the flags.</summary>
    /// <param name="flags">The flags; <see cref="MessageFlag.Recent"/> is refused.</param>
    /// <exception cref="ArgumentException">The flags hold <c>\Recent</c>.</exception>
    public static FlagChange Add(FlagSet flags) => new(StoreAction.Add, flags);

    /// <summary><c>-FLAGS</c>: removes the flags.</summary>
    /// <param name="flags">The flags; <see cref="MessageFlag.Recent"/> is refused.</param>
    /// <exception cref="ArgumentException">The flags hold <c>\Recent</c>.</exception>
    public static FlagChange Remove(FlagSet flags) => new(StoreAction.Remove, flags);

    /// <summary><c>FLAGS</c>: replaces every flag with these (an empty set clears them).</summary>
    /// <param name="flags">The flags; <see cref="MessageFlag.Recent"/> is refused.</param>
    /// <exception cref="ArgumentException">The flags hold <c>\Recent</c>.</exception>
    public static FlagChange Replace(FlagSet flags) => new(StoreAction.Replace, flags);
}
