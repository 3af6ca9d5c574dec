using System.Buffers;

namespace Imap.Protocol;

/// <summary>Views a short token as one span, copying only when it spans buffer segments.</summary>
internal static class ContiguousToken
{
    /// <summary>
    /// The token's bytes as a span: its own memory when it is in one segment, otherwise copied into
    /// <paramref name="scratch"/>; empty when it does not fit there (no keyword is that long).
    /// </summary>
    public static ReadOnlySpan<byte> AsSpan(ReadOnlySequence<byte> token, Span<byte> scratch)
    {
        if (token.IsSingleSegment)
        {
            return token.FirstSpan;
        }

        if (token.Length > scratch.Length)
        {
            return default;
        }

        token.CopyTo(scratch);
        return scratch[..(int)token.Length];
    }
}
