using System.Buffers;

namespace Imap.Protocol;

/// <summary>The character classes of the IMAP grammar (RFC 9051 §9), as one lookup table.</summary>
internal static class CharClass
{
    /// <summary>ATOM-CHAR: any CHAR except atom-specials.</summary>
    public const byte Atom = 1;

    /// <summary>ASTRING-CHAR: ATOM-CHAR or resp-specials ("]").</summary>
    public const byte AString = 2;

    /// <summary>list-char: ATOM-CHAR, list-wildcards or resp-specials.</summary>
    public const byte ListChar = 4;

    /// <summary>tag: any ASTRING-CHAR except "+".</summary>
    public const byte Tag = 8;

    /// <summary>TEXT-CHAR: any CHAR except CR and LF (8-bit allowed as UTF-8 in RFC 9051 text).</summary>
    public const byte Text = 16;

    /// <summary>QUOTED-CHAR without escape: TEXT-CHAR except quoted-specials.</summary>
    public const byte QuotedPlain = 32;

    /// <summary>The name of a FETCH item: ATOM-CHAR except "[", which starts a section.</summary>
    public const byte ItemName = 64;

    private static readonly byte[] Table = Build();

    /// <summary>The bytes that stop a run of quoted text: DQUOTE, backslash, CR, LF, NUL.</summary>
    public static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\\\r\n\0"u8);

    private static readonly SearchValues<byte>[] Members = BuildMembers();

    public static bool Is(byte value, byte charClass) => (Table[value] & charClass) != 0;

    /// <summary>The bytes of a class, for vectorized scanning; <paramref name="charClass"/> is one single bit.</summary>
    public static SearchValues<byte> MembersOf(byte charClass) => Members[System.Numerics.BitOperations.Log2(charClass)];

    private static SearchValues<byte>[] BuildMembers()
    {
        var members = new SearchValues<byte>[8];
        for (int bit = 0; bit < 8; bit++)
        {
            var bytes = new List<byte>();
            for (int c = 0; c < 256; c++)
            {
                if ((Table[c] & (1 << bit)) != 0)
                {
                    bytes.Add((byte)c);
                }
            }

            members[bit] = SearchValues.Create([.. bytes]);
        }

        return members;
    }

    private static byte[] Build()
    {
        var table = new byte[256];
        for (int c = 0x01; c <= 0x7F; c++)
        {
            bool ctl = c < 0x20 || c == 0x7F;
            bool atomSpecial = ctl || c is '(' or ')' or '{' or ' ' or '%' or '*' or '"' or '\\' or ']';
            byte bits = 0;
            if (!atomSpecial)
            {
                bits |= Atom | AString | ListChar;
                if (c != '[')
                {
                    bits |= ItemName;
                }

                if (c != '+')
                {
                    bits |= Tag;
                }
            }

            if (c == ']')
            {
                bits |= AString | ListChar | Tag;
            }

            if (c is '%' or '*')
            {
                bits |= ListChar;
            }

            if (c is not '\r' and not '\n')
            {
                bits |= Text;
                if (c is not '"' and not '\\')
                {
                    bits |= QuotedPlain;
                }
            }

            table[c] = bits;
        }

        for (int c = 0x80; c <= 0xFF; c++)
        {
            // 8-bit bytes are UTF-8 in RFC 9051 quoted strings and text; never in atoms.
            table[c] = Text | QuotedPlain;
        }

        return table;
    }
}
