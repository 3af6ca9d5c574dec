using System.Text;
using Imap.Protocol;
using Imap.Protocol.Responses;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// What a fetched summary is made of (issue #14): the response packs its items, the summary reads the response, an
/// envelope keeps its text fields in one array, parts share their type names, addresses are shared between lists.
/// Every field stays available, with NIL told apart from empty and zero.
/// </summary>
public sealed class SummaryLayoutTests
{
    private const string Summary =
        "* 1 FETCH (UID 7 FLAGS (\\Seen) INTERNALDATE \"05-Jan-2015 08:42:06 +0000\" RFC822.SIZE 1585 ENVELOPE "
        + "(\"Mon, 5 Jan 2015 00:08:06 -0800 (PST)\" \"[JIRA-9918] Release notes\" ((\"Alice\" NIL \"alice\" \"example.org\")) "
        + "((\"Alice\" NIL \"alice\" \"example.org\")) ((\"Alice\" NIL \"alice\" \"example.org\")) ((NIL NIL \"bob\" \"example.com\")) "
        + "NIL NIL NIL \"<id-1@example.org>\") BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 913 22 NIL NIL NIL NIL)"
        + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 1739 30 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b-7\") NIL NIL NIL))\r\n";

    [Test]
    public void Envelope_text_fields_keep_nil_apart_from_empty_and_come_back_byte_for_byte()
    {
        var envelope = ParseOne("* 1 FETCH (ENVELOPE (NIL \"\" NIL NIL NIL NIL NIL NIL \"\" {4}\r\n<a>\u00e9))\r\n").Envelope!;

        Assert.That(envelope.Date, Is.Null);
        Assert.That(envelope.RawDate.IsEmpty, Is.True);
        Assert.That(envelope.Subject, Is.EqualTo(string.Empty));
        Assert.That(envelope.RawSubject.IsEmpty, Is.True);
        Assert.That(envelope.InReplyTo, Is.EqualTo(string.Empty));
        Assert.That(envelope.MessageId, Is.EqualTo("<a>\u00e9"), "a byte that is not UTF-8 is read as Latin-1");

        var full = ParseOne("* 2 FETCH (ENVELOPE (\"Tue, 6 Jan 2015 10:00:00 +0100\" \"say \\\"hi\\\"\" NIL NIL NIL NIL NIL NIL \"<p@x>\" \"<m@x>\"))\r\n").Envelope!;

        Assert.That(full.Date, Is.EqualTo(new DateTimeOffset(2015, 1, 6, 10, 0, 0, TimeSpan.FromHours(1))));
        Assert.That(Encoding.ASCII.GetString(full.RawDate.Span), Is.EqualTo("Tue, 6 Jan 2015 10:00:00 +0100"));
        Assert.That(full.Subject, Is.EqualTo("say \"hi\""));
        Assert.That(Encoding.ASCII.GetString(full.RawSubject.Span), Is.EqualTo("say \"hi\""), "escapes removed");
        Assert.That(full.InReplyTo, Is.EqualTo("<p@x>"));
        Assert.That(full.MessageId, Is.EqualTo("<m@x>"));
        string? first = full.InReplyTo;
        Assert.That(full.InReplyTo, Is.SameAs(first), "decoded once");
    }

    [Test]
    public void An_unparseable_date_stays_null_and_its_bytes_stay_available()
    {
        var envelope = ParseOne("* 1 FETCH (ENVELOPE (\"yesterday\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n").Envelope!;

        Assert.That(envelope.Date, Is.Null);
        Assert.That(envelope.Date, Is.Null, "asked again");
        Assert.That(Encoding.ASCII.GetString(envelope.RawDate.Span), Is.EqualTo("yesterday"));
        Assert.That(envelope.Subject, Is.Null);
        Assert.That(envelope.MessageId, Is.Null);
    }

    [Test]
    public void Envelope_fields_decoded_by_several_threads_at_once_agree()
    {
        var expectedDate = new DateTimeOffset(2015, 1, 5, 0, 8, 6, TimeSpan.FromHours(-8));
        for (int round = 0; round < 50; round++)
        {
            var envelope = ParseOne(Summary).Envelope!;
            using var start = new Barrier(4);
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return (envelope.Date, envelope.Subject, envelope.MessageId);
                },
                TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(readers);

            foreach (var reader in readers)
            {
                Assert.That(reader.Result, Is.EqualTo(((DateTimeOffset?)expectedDate, "[JIRA-9918] Release notes", "<id-1@example.org>")));
            }

            Assert.That(envelope.Date!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(-8)), "the offset survives being kept");
        }
    }

    [Test]
    public void Zero_is_a_value_and_absent_is_null_for_the_packed_numbers()
    {
        var zero = ParseOne("* 3 FETCH (UID 9 RFC822.SIZE 0 MODSEQ (0))\r\n");
        var none = ParseOne("* 3 FETCH (FLAGS ())\r\n");

        Assert.That((zero.Uid, zero.Size, zero.ModSeq, zero.InternalDate), Is.EqualTo(((uint?)9, (ulong?)0, (ulong?)0, (DateTimeOffset?)null)));
        Assert.That((none.Uid, none.Size, none.ModSeq, none.InternalDate), Is.EqualTo(((uint?)null, (ulong?)null, (ulong?)null, (DateTimeOffset?)null)));
        Assert.That((none.EmailId, none.Sections, none.MalformedItems, none.HasThreadIdNil), Is.EqualTo(((string?)null, (List<FetchBodySection>?)null, (List<string>?)null, false)));

        zero.Size = null;
        zero.Uid = 10;
        Assert.That((zero.Uid, zero.Size), Is.EqualTo(((uint?)10, (ulong?)null)));
    }

    [Test]
    public void A_summary_reads_every_item_of_its_response()
    {
        var fetch = ParseOne(Summary.Replace("RFC822.SIZE 1585", "RFC822.SIZE 1585 MODSEQ (12) EMAILID (M1) THREADID (T1) PREVIEW \"Hi\"", StringComparison.Ordinal));
        var summary = MessageSummary.From(fetch, fetch.Uid!.Value, MessageSummary.NoSections);

        Assert.That(summary.SequenceNumber, Is.EqualTo(1));
        Assert.That(summary.Uid, Is.EqualTo(new Uid(7)));
        Assert.That(summary.HasFlag(MessageFlag.Seen), Is.True);
        Assert.That(summary.InternalDate, Is.EqualTo(new DateTimeOffset(2015, 1, 5, 8, 42, 6, TimeSpan.Zero)));
        Assert.That(summary.Size, Is.EqualTo(1585));
        Assert.That(summary.ModSeq, Is.EqualTo(12));
        Assert.That((summary.EmailId, summary.ThreadId, summary.Preview), Is.EqualTo(("M1", "T1", "Hi")));
        Assert.That(summary.Envelope, Is.SameAs(fetch.Envelope));
        Assert.That(summary.Body, Is.SameAs(fetch.BodyStructure));
        Assert.That(summary.Sections, Is.Empty);
    }

    [Test]
    public void A_summary_made_from_flags_alone_holds_them()
    {
        FlagSet flags = MessageFlag.Flagged;
        var summary = new MessageSummary(4, new Uid(40)) { Flags = flags, ModSeq = 99 };

        Assert.That((summary.SequenceNumber, summary.Uid, summary.ModSeq), Is.EqualTo((4u, new Uid(40), (ulong?)99)));
        Assert.That(summary.Flags, Is.SameAs(flags));
        Assert.That((summary.Envelope, summary.Body, summary.Size), Is.EqualTo(((Envelope?)null, (BodyPart?)null, (long?)null)));
    }

    [Test]
    public void Parts_of_the_same_type_share_their_names_and_parts_keep_the_spelling_sent()
    {
        var feeder = new ResponseFeeder();
        var first = (Multipart)Feed(feeder, Summary).BodyStructure!;
        var second = (Multipart)Feed(feeder, Summary.Replace("* 1 FETCH (UID 7", "* 2 FETCH (UID 8", StringComparison.Ordinal)).BodyStructure!;
        var shouted = (TextPart)Feed(feeder, "* 3 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL NIL 10 1))\r\n").BodyStructure!;

        Assert.That(second.Parts[0].RawMediaSubtype, Is.SameAs(first.Parts[0].RawMediaSubtype));
        Assert.That(((SinglePart)second.Parts[1]).Encoding, Is.EqualTo("base64"));
        Assert.That((shouted.MediaType, shouted.RawMediaType, shouted.MediaSubtype, shouted.RawMediaSubtype), Is.EqualTo(("text", "TEXT", "plain", "PLAIN")));
        Assert.That((shouted.Encoding, shouted.RawEncoding), Is.EqualTo(("7bit", "7BIT")), "NIL encoding");
        Assert.That((first.MediaType, first.RawMediaType, first.MediaSubtype), Is.EqualTo(("multipart", "multipart", "alternative")));
        Assert.That((first.Parameters["boundary"], second.Parameters["boundary"]), Is.EqualTo(("b-7", "b-7")));
        Assert.That(first.Parts.Select(p => (p.Section, p.ContentType, ((TextPart)p).Lines)), Is.EqualTo(new[] { ("1", "text/plain", 22L), ("2", "text/html", 30L) }));
    }

    [Test]
    public void Parts_without_extension_fields_answer_empty_and_parts_with_them_keep_each()
    {
        var plain = (TextPart)ParseOne("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL))\r\n").BodyStructure!;
        var rich = (SinglePart)ParseOne("* 2 FETCH (BODYSTRUCTURE (\"image\" \"png\" NIL \"<c@x>\" NIL \"base64\" 10 NIL NIL NIL NIL))\r\n").BodyStructure!;

        Assert.That((plain.Id, plain.Description, plain.Md5, plain.Disposition, plain.Location), Is.EqualTo(((string?)null, (string?)null, (string?)null, (ContentDisposition?)null, (string?)null)));
        Assert.That(plain.Languages, Is.Empty);
        Assert.That((rich.Id, rich.Description, rich.Md5), Is.EqualTo(("<c@x>", (string?)null, (string?)null)));
        Assert.That(rich.Languages, Is.Empty);
    }

    [Test]
    public void An_address_repeated_in_another_list_is_the_same_object_but_not_inside_a_group()
    {
        var feeder = new ResponseFeeder();
        var first = Feed(feeder, "* 1 FETCH (ENVELOPE (NIL NIL ((\"Alice\" NIL \"alice\" \"a.org\")) NIL NIL ((NIL NIL \"bob\" \"b.org\")) NIL NIL NIL NIL))\r\n").Envelope!;
        var second = Feed(feeder, "* 2 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"carol\" \"c.org\")(\"Alice\" NIL \"alice\" \"a.org\")) NIL NIL NIL "
            + "((NIL NIL \"team\" NIL)(\"Alice\" NIL \"alice\" \"a.org\")(NIL NIL NIL NIL)) NIL NIL NIL))\r\n").Envelope!;

        Assert.That(second.From[1], Is.SameAs(first.From[0]));
        Assert.That(second.From.Select(a => a.ToString()), Is.EqualTo(new[] { "carol@c.org", "Alice <alice@a.org>" }));
        Assert.That(second.Cc.Single().Group, Is.EqualTo("team"));
        Assert.That(first.From[0].Group, Is.Null, "the grouped copy did not change the shared one");
        Assert.That(second.Cc.Single(), Is.Not.SameAs(first.From[0]));
    }

    [Test]
    public void An_address_list_is_shared_by_the_addresses_it_holds_in_their_order()
    {
        var feeder = new ResponseFeeder();
        var first = Feed(feeder, "* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\" \"x\")(NIL NIL \"b\" \"x\")) NIL NIL ((NIL NIL \"b\" \"x\") (NIL NIL \"a\" \"x\")) NIL NIL NIL NIL))\r\n").Envelope!;
        var second = Feed(feeder, "* 2 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\" \"x\") (NIL NIL \"b\" \"x\")) NIL NIL NIL NIL NIL NIL NIL))\r\n").Envelope!;
        var grouped = "* 3 FETCH (ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL \"g\" NIL)(NIL NIL \"a\" \"x\")(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n";
        var third = Feed(feeder, grouped).Envelope!;
        var fourth = Feed(feeder, grouped.Replace("* 3", "* 4", StringComparison.Ordinal)).Envelope!;

        Assert.That(second.From, Is.SameAs(first.From), "the same addresses, written with a space between them");
        Assert.That(first.To, Is.Not.SameAs(first.From));
        Assert.That(first.To.Select(a => a.Mailbox), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(first.To[1], Is.SameAs(first.From[0]));
        Assert.That(fourth.To.Single().Group, Is.EqualTo("g"));
        Assert.That(fourth.To, Is.Not.SameAs(third.To), "a list with an address of its own is not kept");
        Assert.That(fourth.To, Is.Not.InstanceOf<Address[]>(), "a list cannot be changed through a cast");
        Assert.That(first.From, Is.Not.InstanceOf<Address[]>());
    }

    [Test]
    public void A_long_address_list_is_not_kept_though_its_addresses_are()
    {
        string many = string.Concat(Enumerable.Range(0, 12).Select(i => $"(NIL NIL \"someone.{i:D2}\" \"a-rather-long-host-name.example.org\")"));
        string input = $"* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL ({many}) NIL NIL NIL NIL))\r\n";
        Assert.That(many.Length, Is.GreaterThan(AddressListTable.MaxKeptBytes));

        var feeder = new ResponseFeeder();
        var first = Feed(feeder, input).Envelope!;
        var second = Feed(feeder, input.Replace("* 1", "* 2", StringComparison.Ordinal)).Envelope!;

        Assert.That(second.To, Has.Count.EqualTo(12));
        Assert.That(second.To, Is.Not.SameAs(first.To));
        Assert.That(second.To[11], Is.SameAs(first.To[11]));
        Assert.That(second.To[11].EmailAddress, Is.EqualTo("someone.11@a-rather-long-host-name.example.org"));
    }

    [Test]
    public void The_address_list_table_is_made_on_first_use_and_stops_at_its_bound()
    {
        var table = new AddressListTable();
        Assert.That(table.Capacity, Is.Zero);

        var a = NewAddress("a");
        var b = NewAddress("b");
        var ab = table.Get([a, b], HashOf(1, 2));
        Assert.That(table.Get([a, b], HashOf(1, 2)), Is.SameAs(ab));
        Assert.That(table.Get([b, a], HashOf(2, 1)), Is.Not.SameAs(ab));
        Assert.That(table.Get([a], HashOf(1)), Is.Not.SameAs(ab));
        Assert.That(table.Get([b, a], HashOf(1, 2)), Is.Not.SameAs(ab), "a colliding hash is told apart by the addresses");

        for (int i = 0; i < 20_000; i++)
        {
            var single = NewAddress(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(table.Get([single], HashOf(i)).Single(), Is.SameAs(single));
        }

        Assert.That(table.Get([b, a], HashOf(2, 1)).Select(x => x.Mailbox), Is.EqualTo(new[] { "b", "a" }));

        Assert.That(table.Capacity, Is.EqualTo(AddressListTable.MaxSlots));
    }

    [Test]
    public void A_body_structure_that_fails_inside_nested_parts_leaves_nothing_behind_for_the_next()
    {
        var feeder = new ResponseFeeder();
        var broken = Feed(feeder, "* 1 FETCH (UID 1 BODYSTRUCTURE (((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 1 1) \"alternative\")(\"image\" \"png\" NIL NIL NIL \"base64\" x) \"mixed\"))\r\n");
        var next = Feed(feeder, "* 2 FETCH (UID 2 BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) \"mixed\"))\r\n");

        Assert.That(broken.BodyStructure, Is.Null);
        Assert.That(broken.MalformedItems!.Single(), Does.StartWith("BODYSTRUCTURE"));
        var mixed = (Multipart)next.BodyStructure!;
        Assert.That(mixed.Parts.Select(p => (p.Section, p.ContentType)), Is.EqualTo(new[] { ("1", "text/plain") }));
    }

    [Test]
    public void Nested_multiparts_each_get_their_own_parts()
    {
        var fetch = ParseOne("* 1 FETCH (BODYSTRUCTURE (((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 1 1) \"alternative\")"
            + "((\"text\" \"html\" NIL NIL NIL \"7bit\" 1 1)(\"image\" \"png\" NIL NIL NIL \"base64\" 5) \"related\")(\"application\" \"pdf\" NIL NIL NIL \"base64\" 9) \"mixed\"))\r\n");

        Assert.That(((Multipart)fetch.BodyStructure!).Flatten().Select(p => $"{p.Section}={p.ContentType}"), Is.EqualTo(new[]
        {
            "=multipart/mixed", "1=multipart/alternative", "1.1=text/plain", "1.2=text/html",
            "2=multipart/related", "2.1=text/html", "2.2=image/png", "3=application/pdf",
        }));
    }

    [Test]
    public void A_scratch_list_gives_nested_users_their_own_items_and_lets_a_large_array_go()
    {
        var scratch = new ScratchList<string>();
        int outer = scratch.Mark;
        scratch.Add("a");
        int inner = scratch.Mark;
        scratch.Add("b");
        scratch.Add("c");

        Assert.That(scratch.TakeSince(inner), Is.EqualTo(new[] { "b", "c" }));
        scratch.Add("d");
        Assert.That(scratch.TakeSince(outer), Is.EqualTo(new[] { "a", "d" }));

        for (int i = 0; i < ScratchList<string>.MaxKeptLength * 4; i++)
        {
            scratch.Add("x");
        }

        scratch.ResetTo(0);
        Assert.That(scratch.Mark, Is.Zero);
        scratch.Add("y");
        Assert.That(scratch.TakeSince(0), Is.EqualTo(new[] { "y" }));
    }

    [Test]
    public void The_body_type_table_is_made_on_first_use_and_stays_at_its_size()
    {
        var table = new BodyTypeNamesCache();
        var plain = table.Get(new FoldedText("text", "text"), new FoldedText("plain", "plain"), new FoldedText("7bit", "7bit"));

        Assert.That(new BodyTypeNamesCache().Capacity, Is.Zero);
        Assert.That(table.Get(new FoldedText("text", "text"), new FoldedText("plain", "plain"), new FoldedText("7bit", "7bit")), Is.SameAs(plain));
        Assert.That(table.Get(new FoldedText("text", "TEXT"), new FoldedText("plain", "plain"), new FoldedText("7bit", "7bit")), Is.Not.SameAs(plain), "spelt otherwise");

        for (int i = 0; i < 10_000; i++)
        {
            string subtype = "x-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var names = table.Get(new FoldedText("application", "application"), new FoldedText(subtype, subtype), new FoldedText("base64", "base64"));
            Assert.That(names.Subtype.Raw, Is.EqualTo(subtype));
        }

        Assert.That(table.Capacity, Is.EqualTo(BodyTypeNamesCache.Slots));

        string longSubtype = new('x', BodyTypeNamesCache.MaxNameLength + 1);
        var once = table.Get(new FoldedText("text", "text"), new FoldedText(longSubtype, longSubtype), new FoldedText("7bit", "7bit"));
        var again = table.Get(new FoldedText("text", "text"), new FoldedText(longSubtype, longSubtype), new FoldedText("7bit", "7bit"));
        Assert.That(again, Is.Not.SameAs(once), "a long name is not kept");
        Assert.That(again.Subtype.Raw, Is.EqualTo(longSubtype));
    }

    [Test]
    public void A_repeated_summary_shares_what_repeats_and_keeps_its_own_boundary()
    {
        var feeder = new ResponseFeeder();
        var first = Feed(feeder, Summary);
        var second = Feed(feeder, Summary.Replace("\"b-7\"", "\"b-8\"", StringComparison.Ordinal));
        var firstBody = (Multipart)first.BodyStructure!;
        var secondBody = (Multipart)second.BodyStructure!;

        Assert.That(second.Flags, Is.SameAs(first.Flags));
        Assert.That(second.Envelope!.From, Is.SameAs(first.Envelope!.From));
        Assert.That(second.Envelope.Sender, Is.SameAs(first.Envelope.From), "the same bytes make the same list");
        Assert.That(secondBody.Parts[0].Parameters, Is.SameAs(firstBody.Parts[0].Parameters));
        Assert.That(secondBody.Parts[0].Section, Is.SameAs(firstBody.Parts[0].Section));
        Assert.That(second.Envelope, Is.Not.SameAs(first.Envelope));
        Assert.That((firstBody.Parameters["boundary"], secondBody.Parameters["boundary"]), Is.EqualTo(("b-7", "b-8")));
    }

    private static uint HashOf(params int[] addressHashes) => addressHashes.Aggregate(AddressListTable.EmptyHash, AddressListTable.Mix);

    private static Address NewAddress(string mailbox) => new(null, null, mailbox, "example.org", null);

    private static FetchResponse ParseOne(string input) => Feed(new ResponseFeeder(), input);

    private static FetchResponse Feed(ResponseFeeder feeder, string input)
    {
        int before = feeder.Responses.Count;
        feeder.Feed(Encoding.Latin1.GetBytes(input));
        Assert.That(feeder.Responses, Has.Count.EqualTo(before + 1), () => string.Join(" | ", feeder.Events));
        return (FetchResponse)feeder.Responses[^1];
    }
}
