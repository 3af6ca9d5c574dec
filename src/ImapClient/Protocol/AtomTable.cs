using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// Per-connection interning of the short strings a server repeats on every message: flags, keywords, MIME types,
/// parameter names, capability names. A hit costs no allocation. Atoms nearly every server sends come from
/// <see cref="WellKnownAtoms"/>, shared by all connections; the others are kept here. The table grows with use (an
/// idle connection holds a small one) up to <see cref="MaxSlots"/>; from then on a server that sends endless distinct
/// names only makes entries replace each other, so memory stays bounded.
/// </summary>
internal sealed class AtomTable
{
    /// <summary>The most slots the table grows to.</summary>
    public const int MaxSlots = 1024;

    private const int FirstSlots = 64;
    private const int MaxLength = 64;

    private string?[] entries = [];
    private int count;

    /// <summary>The slots allocated now (0 until the first atom is kept).</summary>
    public int Capacity => entries.Length;

    /// <summary>The text for <paramref name="bytes"/>, shared when the same bytes were seen before.</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength || !Ascii.IsValid(bytes))
        {
            return RawString.Decode(bytes);
        }

        uint hash = Hash(bytes);
        if (WellKnownAtoms.Find(bytes, hash) is { } shared)
        {
            return shared;
        }

        if (entries.Length > 0)
        {
            string? existing = entries[hash & (uint)(entries.Length - 1)];
            if (existing is not null && existing.Length == bytes.Length && Ascii.Equals(bytes, existing))
            {
                return existing;
            }
        }

        string created = Encoding.ASCII.GetString(bytes);
        Keep(hash, created);
        return created;
    }

    /// <summary>FNV-1a over <paramref name="bytes"/>: the hash an atom's bytes and its text share (ASCII).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }

    private static uint Hash(string atom)
    {
        uint hash = 2166136261;
        foreach (char c in atom)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private void Keep(uint hash, string atom)
    {
        if (entries.Length == 0)
        {
            Resize(FirstSlots);
        }
        else if (entries.Length < MaxSlots && count * 4 >= entries.Length && (entries[hash & (uint)(entries.Length - 1)] is not null || count * 2 >= entries.Length))
        {
            Resize(entries.Length * 2);
        }

        ref string? slot = ref entries[hash & (uint)(entries.Length - 1)];
        if (slot is null)
        {
            count++;
        }

        slot = atom;
    }

    private void Resize(int slots)
    {
        var old = entries;
        entries = new string?[slots];
        count = 0;
        foreach (string? atom in old)
        {
            if (atom is not null)
            {
                ref string? slot = ref entries[Hash(atom) & (uint)(slots - 1)];
                if (slot is null)
                {
                    count++;
                }

                slot = atom;
            }
        }
    }

    /// <summary>The text for a token that may span buffer segments.</summary>
    public string Get(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return Get(bytes.FirstSpan);
        }

        if (bytes.Length > MaxLength)
        {
            return RawString.Decode(bytes.ToArray());
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        bytes.CopyTo(buffer);
        return Get(buffer[..(int)bytes.Length]);
    }

    /// <summary>
    /// A case-insensitive token in ASCII lower case beside its spelling as sent; the lower-case form is shared like
    /// any other atom, and is the same instance when the token has no upper-case letter.
    /// </summary>
    public FoldedText GetFolded(RawString value)
    {
        string raw = Get(value);
        if (!AsciiRanges.HasUpperLetter(raw))
        {
            return new FoldedText(raw, raw);
        }

        if (raw.Length > MaxLength || !Ascii.IsValid(raw))
        {
            return new FoldedText(raw.ToLowerInvariant(), raw);
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        Ascii.ToLower(raw, buffer, out int written);
        return new FoldedText(Get(buffer[..written]), raw);
    }

    /// <summary>The text of a string value (escapes removed), interned when short.</summary>
    public string Get(RawString value)
    {
        if (value.IsNil)
        {
            return string.Empty;
        }

        if (value.Kind == StringKind.QuotedEscaped || value.ValueLength > MaxLength)
        {
            return value.ValueLength > MaxLength ? value.GetString() : Get(value.ToArray());
        }

        return Get(value.Bytes);
    }
}
