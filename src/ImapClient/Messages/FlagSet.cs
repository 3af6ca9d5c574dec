using System.Collections;
using System.Text;

namespace Imap;

/// <summary>
/// An immutable set of message flags and keywords (RFC 9051 §2.3.2): what FETCH FLAGS returned for a message, what a
/// mailbox defines (FLAGS, PERMANENTFLAGS), or what to store or append. Flags compare ignoring case; the order the
/// server gave is kept.
/// </summary>
/// <example>
/// <code>
/// if (!summary.Flags!.Contains(MessageFlag.Seen)) { ... }
/// await inbox.AddFlagsAsync(uids, MessageFlag.Seen | MessageFlag.Keyword("$Important"));
/// </code>
/// </example>
public sealed class FlagSet : IReadOnlyCollection<MessageFlag>, IEquatable<FlagSet>
{
    private readonly MessageFlag[] flags;
    private readonly SystemFlag system;
    private IReadOnlyList<string>? wireNames;

    private FlagSet(MessageFlag[] flags, IReadOnlyList<string>? wireNames = null)
    {
        this.flags = flags;
        this.wireNames = wireNames;
        foreach (var flag in flags)
        {
            system |= flag.System;
        }
    }

    /// <summary>No flags.</summary>
    public static FlagSet Empty { get; } = new([]);

    /// <summary>The number of flags.</summary>
    public int Count => flags.Length;

    /// <summary>The keywords among the flags, as spelt (e.g. <c>$Forwarded</c>).</summary>
    public IEnumerable<MessageFlag> Keywords => flags.Where(static f => f.IsKeyword);

    /// <summary>One flag, as a set.</summary>
    /// <param name="flag">The flag.</param>
    public static implicit operator FlagSet(MessageFlag flag) => Create(flag);

    /// <summary>The flags of both sets.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    public static FlagSet operator |(FlagSet left, FlagSet right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Union(right);
    }

    /// <summary>Whether both sets hold the same flags, in any order, ignoring case.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    public static bool operator ==(FlagSet? left, FlagSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether the sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    public static bool operator !=(FlagSet? left, FlagSet? right) => !(left == right);

    /// <summary>A set of these flags (duplicates are dropped).</summary>
    /// <param name="flags">The flags.</param>
    /// <exception cref="ArgumentException">A flag is <c>default(MessageFlag)</c>.</exception>
    public static FlagSet Create(params IEnumerable<MessageFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var list = new List<MessageFlag>();
        foreach (var flag in flags)
        {
            if (flag.IsDefault)
            {
                throw new ArgumentException("default(MessageFlag) is no flag; use MessageFlag.Seen ... or MessageFlag.Keyword(...).", nameof(flags));
            }

            if (!list.Contains(flag))
            {
                list.Add(flag);
            }
        }

        return list.Count == 0 ? Empty : new FlagSet([.. list]);
    }

    /// <summary>The flags of this set and the other.</summary>
    /// <param name="other">The other set.</param>
    public FlagSet Union(FlagSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Count == 0 ? this : Count == 0 ? other : Create(flags.Concat(other.flags));
    }

    /// <summary>The flags of this set that are not in the other.</summary>
    /// <param name="other">The flags to leave out.</param>
    public FlagSet Except(FlagSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(flags.Where(f => !other.Contains(f)));
    }

    /// <summary>Whether the set holds this flag (ignoring case).</summary>
    /// <param name="flag">The flag, e.g. <see cref="MessageFlag.Seen"/>.</param>
    public bool Contains(MessageFlag flag)
    {
        if (flag.IsSystemFlag)
        {
            return (system & flag.System) != 0;
        }

        return Array.IndexOf(flags, flag) >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<MessageFlag> GetEnumerator() => ((IEnumerable<MessageFlag>)flags).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(FlagSet? other) =>
        other is not null && other.Count == Count && system == other.system && flags.All(other.Contains);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FlagSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = (int)system;
        foreach (var flag in flags)
        {
            hash ^= flag.GetHashCode();
        }

        return hash;
    }

    /// <summary>The set as a flag list, e.g. <c>(\Seen $Junk)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("(");
        for (int i = 0; i < flags.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(flags[i].Name);
        }

        return text.Append(')').ToString();
    }

    /// <summary>The flags as the server sent them (already read as <c>flag</c> by the parser).</summary>
    internal static FlagSet FromServer(IReadOnlyList<string> names)
    {
        var array = new MessageFlag[names.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = MessageFlag.FromServer(names[i]);
        }

        return new FlagSet(array, names);
    }

    /// <summary>The names as they go on the wire, as the server spelt them (LIST attributes are read as flags too).</summary>
    internal IReadOnlyList<string> WireNames => wireNames ??= Array.AsReadOnly(flags.Select(static f => f.Name).ToArray());

    /// <summary>The set without the flag-extension <c>\*</c> of PERMANENTFLAGS, and whether it was there.</summary>
    internal FlagSet WithoutWildcard(out bool hadWildcard)
    {
        hadWildcard = Array.Exists(flags, static f => f.Name == "\\*");
        return hadWildcard ? new FlagSet([.. flags.Where(static f => f.Name != "\\*")]) : this;
    }
}
