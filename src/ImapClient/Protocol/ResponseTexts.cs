using System.Buffers;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// The human-readable texts of status responses ("NOOP completed.", "Logged in"), shared by every connection of the
/// process: servers repeat them command after command, so a repeated text allocates nothing. Kept here rather than in a
/// connection's <see cref="AtomTable"/> so that an idle connection holds none of them (issue #14's memory per idle
/// connection), and so that texts that vary (a server's timings) do not push out a connection's atoms.
/// </summary>
/// <remarks>
/// A fixed table of <see cref="Slots"/> strings, one per slot, looked up by a hash of the bytes; a hit is always checked
/// against the bytes, so it is the text those bytes decode to whichever connection put it there. Thread-safe without a
/// lock: a slot holds a whole string or none, and a text that loses a race to another only means one more allocation.
/// Bounded whatever servers send: at most <see cref="Slots"/> texts of at most <see cref="MaxLength"/> ASCII bytes.
/// </remarks>
internal static class ResponseTexts
{
    /// <summary>How many texts the table holds.</summary>
    public const int Slots = 256;

    /// <summary>Longer texts, and any that is not ASCII, are decoded anew each time.</summary>
    public const int MaxLength = 64;

    private static readonly string?[] Entries = new string?[Slots];

    /// <summary>The text for <paramref name="raw"/>, shared when the same bytes were seen before.</summary>
    public static string Get(ReadOnlySequence<byte> raw)
    {
        if (raw.Length > MaxLength)
        {
            return RawString.Decode(raw.IsSingleSegment ? raw.FirstSpan : raw.ToArray());
        }

        if (raw.IsSingleSegment)
        {
            return Get(raw.FirstSpan);
        }

        Span<byte> copy = stackalloc byte[MaxLength];
        raw.CopyTo(copy);
        return Get(copy[..(int)raw.Length]);
    }

    private static string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || !Ascii.IsValid(bytes))
        {
            return RawString.Decode(bytes);
        }

        ref string? slot = ref Entries[AtomTable.Hash(bytes) & (Slots - 1)];
        string? existing = Volatile.Read(ref slot);
        if (existing is not null && existing.Length == bytes.Length && Ascii.Equals(bytes, existing))
        {
            return existing;
        }

        string created = Encoding.ASCII.GetString(bytes);
        Volatile.Write(ref slot, created);
        return created;
    }
}
