using System.Buffers;
using System.Globalization;
using System.Text;
using Imap.Protocol;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// The per-connection parser tables (atoms, reused flag, address and parameter lists, odd mailbox names) cost an idle
/// connection nothing, grow as a server repeats values, and stop at their bound however many distinct values it sends.
/// </summary>
public sealed class GrowingTableTests
{
    [Test]
    public void A_value_cache_allocates_no_slots_until_a_value_is_kept()
    {
        var cache = new ValueCache<string>();

        Assert.That(cache.TryGet(Bytes("(\\Seen)"), out _, out int hash), Is.False);
        Assert.That(cache.Capacity, Is.Zero);

        cache.Set(hash, Bytes("(\\Seen)"), "seen");

        Assert.That(cache.Capacity, Is.InRange(1, 64));
        Assert.That(cache.TryGet(Bytes("(\\Seen)"), out string? value, out _), Is.True);
        Assert.That(value, Is.EqualTo("seen"));
    }

    [Test]
    public void A_value_cache_keeps_a_few_repeated_values_in_a_small_table()
    {
        var cache = new ValueCache<string>();
        string[] flagLists = ["()", "(\\Seen)", "(\\Seen \\Answered)", "(\\Flagged)", "(\\Deleted \\Seen)", "($Junk)"];

        for (int round = 0; round < 100; round++)
        {
            foreach (string list in flagLists)
            {
                if (!cache.TryGet(Bytes(list), out _, out int hash))
                {
                    cache.Set(hash, Bytes(list), list);
                }
            }
        }

        Assert.That(cache.Capacity, Is.LessThanOrEqualTo(64));
        foreach (string list in flagLists)
        {
            Assert.That(cache.TryGet(Bytes(list), out string? kept, out _), Is.True, list);
            Assert.That(kept, Is.SameAs(list));
        }
    }

    [Test]
    public void A_value_cache_stops_growing_at_its_bound_and_still_answers_exactly()
    {
        var cache = new ValueCache<string>();
        for (int i = 0; i < 20_000; i++)
        {
            string list = "(k" + i.ToString(CultureInfo.InvariantCulture) + ")";
            if (!cache.TryGet(Bytes(list), out _, out int hash))
            {
                cache.Set(hash, Bytes(list), list);
            }
        }

        Assert.That(cache.Capacity, Is.EqualTo(ValueCache<string>.MaxSlots));
        Assert.That(cache.TryGet(Bytes("(k19999)"), out string? last, out _), Is.True);
        Assert.That(last, Is.EqualTo("(k19999)"));
        Assert.That(cache.TryGet(Bytes("(k19998x)"), out _, out _), Is.False);
    }

    [Test]
    public void A_value_cache_matches_keys_split_across_buffer_segments()
    {
        var cache = new ValueCache<string>();
        var whole = Bytes("(\\Seen $Forwarded)");
        Assert.That(cache.TryGet(whole, out _, out int hash), Is.False);
        cache.Set(hash, whole, "kept");

        var split = Segments("(\\Seen ", "$Forw", "arded)");
        Assert.That(cache.TryGet(split, out string? value, out _), Is.True);
        Assert.That(value, Is.EqualTo("kept"));
    }

    [Test]
    public void The_atom_table_starts_empty_and_shares_repeated_atoms()
    {
        var atoms = new AtomTable();
        Assert.That(atoms.Capacity, Is.Zero);

        string first = atoms.Get("X-VENDOR-CAPABILITY"u8);
        string again = atoms.Get("X-VENDOR-CAPABILITY"u8);

        Assert.That(again, Is.SameAs(first));
        Assert.That(atoms.Capacity, Is.InRange(1, 64));
    }

    [Test]
    public void Atoms_every_server_sends_are_one_string_for_all_connections_and_cost_a_connection_nothing()
    {
        var first = new AtomTable();
        var second = new AtomTable();

        string seen = first.Get("\\Seen"u8);
        Assert.That(second.Get("\\Seen"u8), Is.SameAs(seen));
        Assert.That(second.GetFolded(new RawString(new ReadOnlySequence<byte>("QUOTED-PRINTABLE"u8.ToArray()), StringKind.Atom)).Lower, Is.SameAs(first.Get("quoted-printable"u8)));
        Assert.That(first.Capacity, Is.Zero);
        Assert.That(second.Capacity, Is.Zero);

        string own = first.Get("X-VENDOR-THING"u8);
        Assert.That(second.Get("X-VENDOR-THING"u8), Is.Not.SameAs(own), "others are kept per connection");
        Assert.That(first.Capacity, Is.GreaterThan(0));
    }

    [Test]
    public void The_atom_table_holds_a_capability_list_in_a_small_table()
    {
        var atoms = new AtomTable();
        string[] names =
        [
            "IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "SORT", "SORT=DISPLAY", "THREAD=REFERENCES",
            "THREAD=REFS", "THREAD=ORDEREDSUBJECT", "MULTIAPPEND", "URL-PARTIAL", "CATENATE", "UNSELECT", "CHILDREN",
            "NAMESPACE", "UIDPLUS", "LIST-EXTENDED", "I18NLEVEL=1", "CONDSTORE", "QRESYNC", "ESEARCH", "ESORT",
            "SEARCHRES", "WITHIN", "CONTEXT=SEARCH", "LIST-STATUS", "BINARY", "MOVE", "SNIPPET=FUZZY", "PREVIEW=FUZZY",
            "PREVIEW", "STATUS=SIZE", "SAVEDATE", "LITERAL+", "NOTIFY", "SPECIAL-USE", "QUOTA", "METADATA",
        ];

        var first = names.Select(name => atoms.Get(Encoding.ASCII.GetBytes(name))).ToList();
        var second = names.Select(name => atoms.Get(Encoding.ASCII.GetBytes(name))).ToList();

        Assert.That(atoms.Capacity, Is.LessThanOrEqualTo(256));
        Assert.That(second.Zip(first).Count(pair => ReferenceEquals(pair.First, pair.Second)), Is.GreaterThanOrEqualTo(names.Length * 3 / 4));
        Assert.That(second, Is.EqualTo(names));
    }

    [Test]
    public void The_atom_table_stops_growing_at_its_bound()
    {
        var atoms = new AtomTable();
        for (int i = 0; i < 50_000; i++)
        {
            string atom = "X-" + i.ToString(CultureInfo.InvariantCulture);
            Assert.That(atoms.Get(Encoding.ASCII.GetBytes(atom)), Is.EqualTo(atom));
        }

        Assert.That(atoms.Capacity, Is.EqualTo(AtomTable.MaxSlots));
    }

    [Test]
    public void The_mailbox_name_table_answers_nothing_until_a_name_is_remembered()
    {
        var names = new MailboxNameTable();
        Assert.That(names.TryGetWire("Entw\u00fcrfe", out _), Is.False);

        byte[] wire = Encoding.Latin1.GetBytes("Entw\u00fcrfe");
        names.Remember("Entw\u00fcrfe", wire);

        Assert.That(names.TryGetWire("Entw\u00fcrfe", out byte[]? bytes), Is.True);
        Assert.That(bytes, Is.SameAs(wire));
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    private static ReadOnlySequence<byte> Segments(params string[] parts) =>
        ChunkedSequence.Create(parts.Select(part => (ReadOnlyMemory<byte>)Encoding.ASCII.GetBytes(part)).ToList());
}
