using System.Buffers;

namespace Imap.Protocol;

/// <summary>
/// Per-connection reuse of immutable parse results that servers repeat message after message: flag lists, address
/// lists, body parameter lists. Keyed by the exact bytes the value was parsed from, so a hit is always the same value.
/// Fixed slots: distinct values only replace each other, memory stays bounded whatever the server sends.
/// </summary>
/// <typeparam name="T">An immutable result type.</typeparam>
internal sealed class ValueCache<T>
    where T : class
{
    private const int Slots = 512;
    private const int MaxKeyLength = 512;

    private readonly byte[]?[] keys = new byte[Slots][];
    private readonly T?[] values = new T[Slots];

    /// <summary>Whether bytes this long are worth caching.</summary>
    public static bool Accepts(long length) => length is > 0 and <= MaxKeyLength;

    public bool TryGet(ReadOnlySequence<byte> raw, out T value, out int slot)
    {
        slot = Slot(raw);
        var key = keys[slot];
        if (key is not null && key.Length == raw.Length && Equal(raw, key))
        {
            value = values[slot]!;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(int slot, ReadOnlySequence<byte> raw, T value)
    {
        keys[slot] = raw.ToArray();
        values[slot] = value;
    }

    private static int Slot(ReadOnlySequence<byte> raw)
    {
        uint hash = 2166136261;
        foreach (var segment in raw)
        {
            foreach (byte b in segment.Span)
            {
                hash = (hash ^ b) * 16777619;
            }
        }

        return (int)(hash & (Slots - 1));
    }

    private static bool Equal(ReadOnlySequence<byte> raw, byte[] key)
    {
        if (raw.IsSingleSegment)
        {
            return raw.FirstSpan.SequenceEqual(key);
        }

        int offset = 0;
        foreach (var segment in raw)
        {
            if (!segment.Span.SequenceEqual(key.AsSpan(offset, segment.Length)))
            {
                return false;
            }

            offset += segment.Length;
        }

        return true;
    }
}
