namespace Imap.Protocol;

/// <summary>
/// Per-connection sharing of <see cref="BodyTypeNames"/>: one fixed table of <see cref="Slots"/> entries, made on
/// first use, where a new combination takes a free slot near its own or else replaces the one there. Memory stays
/// bounded whatever the server sends; a miss only costs the small object the part would have had anyway.
/// </summary>
internal sealed class BodyTypeNamesCache
{
    /// <summary>The table's size.</summary>
    public const int Slots = 64;

    /// <summary>The longest type, subtype or encoding kept.</summary>
    public const int MaxNameLength = 64;

    private const int Probes = 4;

    private BodyTypeNames?[] entries = [];

    /// <summary>The slots allocated now (0 until the first part is read).</summary>
    public int Capacity => entries.Length;

    /// <summary>The shared names for this type, subtype and encoding (null strings for a multipart's encoding).</summary>
    public BodyTypeNames Get(FoldedText type, FoldedText subtype, FoldedText encoding)
    {
        // Only short names are kept (as in the atom table): a table of long ones would hold on to what a hostile
        // server sent long after the parts that carried it are gone.
        if (type.Raw.Length > MaxNameLength || subtype.Raw.Length > MaxNameLength || encoding.Raw?.Length > MaxNameLength)
        {
            return new BodyTypeNames(type, subtype, encoding);
        }

        if (entries.Length == 0)
        {
            entries = new BodyTypeNames?[Slots];
        }

        // Hashed by content (the atom table may hand out a new instance of the same text after an eviction), with the
        // same hash in every process so that what is shared does not vary from run to run. A combination looks in
        // Probes slots from its own; a new one takes the first empty slot there, or else replaces its own.
        uint hash = Hash(Hash(Hash(2166136261, type.Raw), subtype.Raw), encoding.Raw);
        int home = (int)(hash % Slots);
        for (int i = 0; i < Probes; i++)
        {
            ref var slot = ref entries[(home + i) % Slots];
            if (slot is null)
            {
                return slot = new BodyTypeNames(type, subtype, encoding);
            }

            if (string.Equals(slot.Type.Raw, type.Raw, StringComparison.Ordinal)
                && string.Equals(slot.Subtype.Raw, subtype.Raw, StringComparison.Ordinal)
                && string.Equals(slot.Encoding.Raw, encoding.Raw, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return entries[home] = new BodyTypeNames(type, subtype, encoding);
    }

    private static uint Hash(uint hash, string? text)
    {
        foreach (char c in text.AsSpan())
        {
            hash = (hash ^ c) * 16777619;
        }

        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        return (hash ^ 0xFFFF) * 16777619;
    }
}
