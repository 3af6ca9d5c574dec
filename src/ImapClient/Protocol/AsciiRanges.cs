using System.Buffers;

namespace Imap.Protocol;

/// <summary>
/// Tests for ranges of ASCII characters in text, as <see cref="SearchValues{T}"/>. Not
/// <c>MemoryExtensions.ContainsAnyInRange</c> over <see cref="char"/>: that generic method is not precompiled for
/// <see cref="char"/> in the framework, and until the JIT optimizes it, it boxes its bounds on every call (96 bytes;
/// about 13 MB over the first summaries of 20,000 messages, which parse media types and parameter names through here).
/// </summary>
internal static class AsciiRanges
{
    private static readonly SearchValues<char> UpperLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>Space to tilde: the printable ASCII characters.</summary>
    private static readonly SearchValues<char> Printable = SearchValues.Create(Range(' ', '~'));

    /// <summary>Exclamation mark to tilde: the printable ASCII characters but space.</summary>
    private static readonly SearchValues<char> Visible = SearchValues.Create(Range('!', '~'));

    /// <summary>Whether <paramref name="text"/> has a capital letter A to Z.</summary>
    public static bool HasUpperLetter(ReadOnlySpan<char> text) => text.ContainsAny(UpperLetters);

    /// <summary>Whether <paramref name="text"/> has a character that is not a digit 0 to 9.</summary>
    public static bool HasNonDigit(ReadOnlySpan<char> text) => text.ContainsAnyExcept(Digits);

    /// <summary>Whether <paramref name="text"/> has a character outside space to tilde.</summary>
    public static bool HasNonPrintable(ReadOnlySpan<char> text) => text.ContainsAnyExcept(Printable);

    /// <summary>Whether <paramref name="text"/> has a character outside exclamation mark to tilde.</summary>
    public static bool HasNonVisible(ReadOnlySpan<char> text) => text.ContainsAnyExcept(Visible);

    private static string Range(char first, char last)
    {
        var chars = new char[last - first + 1];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(first + i);
        }

        return new string(chars);
    }
}
