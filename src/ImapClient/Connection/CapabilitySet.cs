using System.Collections;

namespace Imap.Connection;

/// <summary>
/// A server's capability names (RFC 9051 §7.2.2) or the extensions ENABLE turned on (RFC 5161), compared ignoring case
/// as the grammar's atoms are. Immutable. Kept as one sorted array: a session holds a few dozen names and looks them up
/// now and then, so a hash table would cost more memory per idle connection than it saves in time (issue #14).
/// </summary>
internal sealed class CapabilitySet : IReadOnlySet<string>
{
    private static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;
    private readonly string[] names;

    private CapabilitySet(string[] names)
    {
        this.names = names;
    }

    /// <summary>No capability.</summary>
    public static CapabilitySet Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => names.Length;

    /// <summary>The set of <paramref name="names"/>, duplicates (in any case) kept once.</summary>
    public static CapabilitySet Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] sorted = [.. names];
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted, Comparer);
        int kept = 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            if (Comparer.Compare(sorted[kept - 1], sorted[i]) != 0)
            {
                sorted[kept++] = sorted[i];
            }
        }

        return new CapabilitySet(kept == sorted.Length ? sorted : sorted[..kept]);
    }

    /// <summary>This set with <paramref name="more"/> added.</summary>
    public CapabilitySet Union(IEnumerable<string> more) => Of(names.Concat(more));

    /// <inheritdoc/>
    public bool Contains(string item) => item is not null && Array.BinarySearch(names, item, Comparer) >= 0;

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)names).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool IsProperSubsetOf(IEnumerable<string> other)
    {
        var them = Of(other);
        return Count < them.Count && IsSubsetOf(them);
    }

    /// <inheritdoc/>
    public bool IsProperSupersetOf(IEnumerable<string> other)
    {
        var them = Of(other);
        return Count > them.Count && IsSupersetOf(them);
    }

    /// <inheritdoc/>
    public bool IsSubsetOf(IEnumerable<string> other)
    {
        var them = Of(other);
        return names.All(them.Contains);
    }

    /// <inheritdoc/>
    public bool IsSupersetOf(IEnumerable<string> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.All(Contains);
    }

    /// <inheritdoc/>
    public bool Overlaps(IEnumerable<string> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Any(Contains);
    }

    /// <inheritdoc/>
    public bool SetEquals(IEnumerable<string> other)
    {
        var them = Of(other);
        return Count == them.Count && IsSubsetOf(them);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', names);
}
