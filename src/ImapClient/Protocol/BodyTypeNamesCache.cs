namespace Imap.Protocol;

/// <summary>
/// Per-connection sharing of <see cref="BodyTypeNames"/>: one fixed table of <see cref="Slots"/> entries, made on
/// first use, where a new combination replaces the one in its slot. Memory stays bounded whatever the server sends; a
/// miss only costs the small object the part would have had anyway.
/// </summary>
internal sealed class BodyTypeNamesCache
{
    /// <summary>The table's size.</summary>
    public const int Slots = 64;

    private BodyTypeNames?[] entries = [];

    /// <summary>The shared names for this type, subtype and encoding (null strings for a multipart's encoding).</summary>
    public BodyTypeNames Get(FoldedText type, FoldedText subtype, FoldedText encoding)
    {
        // Hashed by content: the atom table may hand out a new instance of the same text after an eviction.
        int hash = HashCode.Combine(type.Raw?.GetHashCode(StringComparison.Ordinal), subtype.Raw?.GetHashCode(StringComparison.Ordinal), encoding.Raw?.GetHashCode(StringComparison.Ordinal));
        if (entries.Length == 0)
        {
            entries = new BodyTypeNames?[Slots];
        }

        ref var slot = ref entries[hash & (Slots - 1)];
        if (slot is { } found && string.Equals(found.Type.Raw, type.Raw, StringComparison.Ordinal)
            && string.Equals(found.Subtype.Raw, subtype.Raw, StringComparison.Ordinal)
            && string.Equals(found.Encoding.Raw, encoding.Raw, StringComparison.Ordinal))
        {
            return found;
        }

        slot = new BodyTypeNames(type, subtype, encoding);
        return slot;
    }
}
