using System.Buffers;

namespace Imap.Protocol;

/// <summary>
/// Per-connection reuse of immutable parse results that servers repeat message after message: flag lists, address
/// lists, body parameter lists. Keyed by the exact bytes the value was parsed from, so a hit is always the same value.
/// The table grows with use: nothing is allocated until the first value is kept (an idle connection holds no table),
/// it doubles once a quarter full when values start replacing each other (always once half full), and it stops at
/// <see cref="MaxSlots"/>; from then on distinct values only replace each other, so memory stays bounded whatever the
/// server sends.
/// </summary>
/// <typeparam name="T">An immutable result type.</typeparam>
internal sealed class ValueCache<T>
    where T : class
{
    /// <summary>The most slots the table grows to.</summary>
    public const int MaxSlots = 512;

    private const int FirstSlots = 16;
    private const int MaxKeyLength = 512;

    private byte[]?[] keys = [];
    private T?[] values = [];
    private int count;

    /// <summary>The slots allocated now (0 until the first value is kept).</summary>
    public int Capacity => keys.Length;

    /// <summary>Whether bytes this long are worth caching.</summary>
    public static bool Accepts(long length) => length is > 0 and <= MaxKeyLength;

    /// <summary>Looks <paramref name="raw"/> up; on a miss, <paramref name="hash"/> is what <see cref="Set"/> takes.</summary>
    public bool TryGet(ReadOnlySequence<byte> raw, out T value, out int hash)
    {
        hash = Hash(raw);
        if (keys.Length > 0)
        {
            int slot = hash & (keys.Length - 1);
            var key = keys[slot];
            if (key is not null && key.Length == raw.Length && Equal(raw, key))
            {
                value = values[slot]!;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> for <paramref name="raw"/>, whose hash <see cref="TryGet"/> gave.</summary>
    public void Set(int hash, ReadOnlySequence<byte> raw, T value)
    {
        if (keys.Length == 0)
        {
            Resize(FirstSlots);
        }
        else if (keys.Length < MaxSlots && count * 4 >= keys.Length && (keys[hash & (keys.Length - 1)] is not null || count * 2 >= keys.Length))
        {
            Resize(keys.Length * 2);
        }

        int slot = hash & (keys.Length - 1);
        if (keys[slot] is null)
        {
            count++;
        }

        keys[slot] = raw.ToArray();
        values[slot] = value;
    }

    private void Resize(int slots)
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new byte[slots][];
        values = new T[slots];
        count = 0;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] is { } key)
            {
                int slot = Hash(new ReadOnlySequence<byte>(key)) & (slots - 1);
                if (keys[slot] is null)
                {
                    count++;
                }

                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
    }

    private static int Hash(ReadOnlySequence<byte> raw)
    {
        uint hash = 2166136261;
        foreach (var segment in raw)
        {
            foreach (byte b in segment.Span)
            {
                hash = (hash ^ b) * 16777619;
            }
        }

        return (int)(hash & int.MaxValue);
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
