using System.Buffers;
using System.Text;

namespace Imap.Protocol;

/// <summary>
/// Per-connection interning of the short strings a server repeats on every message: flags, keywords, MIME types,
/// parameter names, capability names. A hit costs no allocation. The table has a fixed number of slots, so a
/// server that sends endless distinct names only makes entries replace each other; memory stays bounded.
/// </summary>
internal sealed class AtomTable
{
    private const int Slots = 1024;
    private const int MaxLength = 64;

    private readonly string?[] entries = new string?[Slots];

    /// <summary>The text for <paramref name="bytes"/>, shared when the same bytes were seen before.</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength || !Ascii.IsValid(bytes))
        {
            return RawString.Decode(bytes);
        }

        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        ref string? slot = ref entries[hash & (Slots - 1)];
        string? existing = slot;
        if (existing is not null && existing.Length == bytes.Length && Ascii.Equals(bytes, existing))
        {
            return existing;
        }

        string created = Encoding.ASCII.GetString(bytes);
        slot = created;
        return created;
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
        if (!raw.AsSpan().ContainsAnyInRange('A', 'Z'))
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
