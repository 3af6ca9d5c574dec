using System.Text;

namespace Imap.TestServer;

/// <summary>Encodes Russian text as KOI8-R without the code-pages provider (Cyrillic letters and ASCII only).</summary>
internal static class Koi8R
{
    // KOI8-R 0xC0..0xDF hold the lower-case letters, 0xE0..0xFF the upper-case ones, in this order.
    private const string LowerCase = "юабцдефгхийклмнопярстужвьызшэщчъ";
    private const string UpperCase = "ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ";

    /// <summary>Returns the KOI8-R bytes of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character has no KOI8-R letter mapping here.</exception>
    public static byte[] GetBytes(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = Map(text[i]);
        }

        return bytes;
    }

    /// <summary>Whether every character of <paramref name="text"/> can be encoded.</summary>
    public static bool CanEncode(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && c != 'ё' && c != 'Ё' && !LowerCase.Contains(c, StringComparison.Ordinal) && !UpperCase.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static byte Map(char c)
    {
        if (c < 0x80)
        {
            return (byte)c;
        }

        if (c == 'ё')
        {
            return 0xA3;
        }

        if (c == 'Ё')
        {
            return 0xB3;
        }

        var index = LowerCase.IndexOf(c, StringComparison.Ordinal);
        if (index >= 0)
        {
            return (byte)(0xC0 + index);
        }

        index = UpperCase.IndexOf(c, StringComparison.Ordinal);
        if (index >= 0)
        {
            return (byte)(0xE0 + index);
        }

        throw new ArgumentException(new StringBuilder("No KOI8-R mapping for U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).ToString(), nameof(c));
    }
}
