using System.Collections.ObjectModel;

namespace Imap.Protocol;

/// <summary>
/// Per-connection sharing of envelope address lists, keyed by the addresses they hold. Single addresses are shared by
/// their bytes (a <see cref="ValueCache{T}"/>), so a list of known correspondents is a sequence of known objects: a
/// list seen before is found by comparing references, without a copy of its bytes, and a new one costs only its own
/// array. The caller hashes the list from its addresses' byte hashes, so that what is shared is the same in every run.
/// Grows like <see cref="ValueCache{T}"/>: nothing until the first list is kept, doubling while lists start to
/// replace each other, and no further than <see cref="MaxSlots"/>, so memory stays bounded whatever the server sends.
/// </summary>
internal sealed class AddressListTable
{
    /// <summary>The most slots the table grows to.</summary>
    public const int MaxSlots = 512;

    /// <summary>The hash of a list before its first address.</summary>
    public const uint EmptyHash = 2166136261;

    /// <summary>The most bytes (of the addresses as sent) that a kept list may hold, as for <see cref="ValueCache{T}"/>.</summary>
    public const int MaxKeptBytes = 512;

    private const int FirstSlots = 16;

    private Address[]?[] keys = [];
    private ReadOnlyCollection<Address>?[] values = [];
    private uint[] hashes = [];
    private int count;

    /// <summary>The slots allocated now (0 until the first list is kept).</summary>
    public int Capacity => keys.Length;

    /// <summary>
    /// Whether a list whose addresses took this many bytes is worth keeping: a longer one would keep its addresses (and a
    /// long array) alive after they left the address cache, so that a hostile server could make the table large.
    /// </summary>
    public static bool Accepts(long bytes) => bytes is > 0 and <= MaxKeptBytes;

    /// <summary>Mixes the hash of one more address into a list's hash (start from <see cref="EmptyHash"/>).</summary>
    public static uint Mix(uint listHash, int addressHash) => (listHash ^ (uint)addressHash) * 16777619;

    /// <summary>
    /// The shared list holding exactly these addresses, in this order; made and kept when new. <paramref name="hash"/>
    /// comes from <see cref="Mix"/> over the addresses, in order; the caller asks only for lists <see cref="Accepts"/>
    /// takes.
    /// </summary>
    public IReadOnlyList<Address> Get(ReadOnlySpan<Address> addresses, uint hash)
    {
        if (keys.Length > 0)
        {
            int slot = (int)(hash & (uint)(keys.Length - 1));
            if (keys[slot] is { } key && Same(key, addresses))
            {
                return values[slot]!;
            }
        }

        var items = addresses.ToArray();

        // Read-only: the list is shared by every message that repeats it.
        var list = Array.AsReadOnly(items);
        Keep(hash, items, list);
        return list;
    }

    private static bool Same(Address[] key, ReadOnlySpan<Address> addresses)
    {
        if (key.Length != addresses.Length)
        {
            return false;
        }

        for (int i = 0; i < key.Length; i++)
        {
            if (!ReferenceEquals(key[i], addresses[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void Keep(uint hash, Address[] key, ReadOnlyCollection<Address> list)
    {
        if (keys.Length == 0)
        {
            Resize(FirstSlots);
        }
        else if (keys.Length < MaxSlots && count * 4 >= keys.Length && (keys[hash & (uint)(keys.Length - 1)] is not null || count * 2 >= keys.Length))
        {
            Resize(keys.Length * 2);
        }

        int slot = (int)(hash & (uint)(keys.Length - 1));
        if (keys[slot] is null)
        {
            count++;
        }

        keys[slot] = key;
        values[slot] = list;
        hashes[slot] = hash;
    }

    private void Resize(int slots)
    {
        var oldKeys = keys;
        var oldValues = values;
        var oldHashes = hashes;
        keys = new Address[slots][];
        values = new ReadOnlyCollection<Address>[slots];
        hashes = new uint[slots];
        count = 0;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] is { } key)
            {
                int slot = (int)(oldHashes[i] & (uint)(slots - 1));
                if (keys[slot] is null)
                {
                    count++;
                }

                keys[slot] = key;
                values[slot] = oldValues[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
