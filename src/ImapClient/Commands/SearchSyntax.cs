using System.Text;
using Imap.Protocol;

namespace Imap.Commands;

/// <summary>
/// Writes a <c>search-program</c> (RFC 9051 §6.4.4, RFC 4466 §2.6): <c>[CHARSET UTF-8 SP] search-key *(SP search-key)</c>,
/// and decides the charset. Shared by SEARCH, SORT and THREAD.
/// </summary>
internal static class SearchSyntax
{
    /// <summary>
    /// Writes <c>CHARSET UTF-8 SP</c> when the query holds non-ASCII text and UTF-8 is not in force: under UTF8=ACCEPT
    /// or IMAP4rev2 every string is UTF-8 already (RFC 6855 §3), so no charset is named.
    /// </summary>
    public static void WriteCharset(CommandWriter writer, bool hasNonAscii)
    {
        if (hasNonAscii && !writer.Options.Utf8)
        {
            writer.WriteAtom("CHARSET"u8);
            writer.WriteSpace();
            writer.WriteAtom("UTF-8"u8);
            writer.WriteSpace();
        }
    }

    /// <summary>Writes the keys through the command writer, which chooses atom, quoted string or literal.</summary>
    public static void WriteKeys(CommandWriter writer, SearchQuery query) => query.Write(new WireSink(writer));

    /// <summary>
    /// Whether the connection offers a capability a search key needs. Two pseudo-capabilities: "IMAP4rev1" means
    /// IMAP4rev1 is in use (NEW, OLD, RECENT were removed by RFC 9051); "IMAP4rev2" means IMAP4rev2 is in use
    /// (number64 sizes). SEARCHRES is part of IMAP4rev2; QRESYNC implies CONDSTORE (RFC 7162 §3.2.3).
    /// </summary>
    public static Func<string, bool> Offers(ImapClient client)
    {
        var capabilities = client.Capabilities;
        bool rev2 = IsRev2(client);
        return capability => capability switch
        {
            "IMAP4rev1" => !rev2 && capabilities.Contains("IMAP4rev1"),
            "IMAP4rev2" => rev2,
            "SEARCHRES" => rev2 || capabilities.Contains("SEARCHRES"),
            "CONDSTORE" => capabilities.Contains("CONDSTORE") || capabilities.Contains("QRESYNC"),
            _ => capabilities.Contains(capability),
        };
    }

    /// <summary>Whether IMAP4rev2 is in use: enabled, or the only revision the server speaks (RFC 9051 §6.3.1).</summary>
    public static bool IsRev2(ImapClient client) =>
        client.EnabledExtensions.Contains("IMAP4rev2")
        || (client.Capabilities.Contains("IMAP4rev2") && !client.Capabilities.Contains("IMAP4rev1"));

    /// <summary>Whether ESEARCH (RFC 4731) may be used: advertised, or part of IMAP4rev2 in use.</summary>
    public static bool HasESearch(ImapClient client) => IsRev2(client) || client.Capabilities.Contains("ESEARCH");

    /// <summary>Whether an ESEARCH correlator names this command: its tag is "A" and the command's number.</summary>
    public static bool IsOwnTag(string? tag, long tagNumber)
    {
        if (tag is null || tag.Length < 2 || tag[0] != 'A')
        {
            return false;
        }

        long value = 0;
        for (int i = 1; i < tag.Length; i++)
        {
            char c = tag[i];
            if (c is < '0' or > '9' || value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value == tagNumber;
    }

    private sealed class WireSink(CommandWriter writer) : ISearchSink
    {
        public void Atom(string atom)
        {
            Span<byte> bytes = atom.Length <= 256 ? stackalloc byte[256] : new byte[atom.Length];
            int length = Encoding.ASCII.GetBytes(atom, bytes);
            writer.WriteAtom(bytes[..length]);
        }

        public void Space() => writer.WriteSpace();

        public void Open() => writer.BeginList();

        public void Close() => writer.EndList();

        public void Astring(string value) => writer.WriteAstring(value);

        public void String(string value) => writer.WriteString(value);

        public void Date(DateOnly date) => writer.WriteSearchDate(date);

        public void Number(ulong value) => writer.WriteNumber(value);

        public void Set(UidSet set) => writer.WriteSet(set);

        public void Set(SequenceSet set) => writer.WriteSet(set);
    }
}
