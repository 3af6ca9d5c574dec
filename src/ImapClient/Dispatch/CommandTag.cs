using System.Buffers.Text;

namespace Imap.Dispatch;

/// <summary>
/// The tags the dispatcher puts on its commands (docs/design.md, "Dispatch"): "A" and a positive number without leading
/// zeros, so that a response's tag maps back to its command by number without allocating.
/// </summary>
internal static class CommandTag
{
    /// <summary>Longest tag: "A" and the digits of <see cref="long.MaxValue"/>.</summary>
    public const int MaxLength = 20;

    /// <summary>Writes the tag for <paramref name="number"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns its length.</summary>
    public static int Format(long number, Span<byte> destination)
    {
        destination[0] = (byte)'A';
        Utf8Formatter.TryFormat(number, destination[1..], out int digits);
        return digits + 1;
    }

    /// <summary>The number in a tag this dispatcher made, or 0.</summary>
    public static long Parse(ReadOnlySpan<byte> tag)
    {
        if (tag.Length is < 2 or > 19 || tag[0] != (byte)'A' || tag[1] is < (byte)'1' or > (byte)'9'
            || !Utf8Parser.TryParse(tag[1..], out long number, out int consumed) || consumed != tag.Length - 1)
        {
            return 0;
        }

        return number;
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static long Parse(string tag)
    {
        if (tag.Length is < 2 or > 19)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[19];
        for (int i = 0; i < tag.Length; i++)
        {
            if (tag[i] > 0x7F)
            {
                return 0;
            }

            bytes[i] = (byte)tag[i];
        }

        return Parse(bytes[..tag.Length]);
    }
}
