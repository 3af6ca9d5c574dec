using System.Text;
using Imap.Protocol;

namespace Imap.Tests.Messages;

public sealed class BodySectionTests
{
    private static readonly string[] FieldNames = ["Subject", "List-Id"];

    [Test]
    public void Sections_are_written_in_the_rfc_9051_section_syntax()
    {
        Assert.That(Written(BodySection.Full), Is.EqualTo("BODY.PEEK[]"));
        Assert.That(Written(BodySection.Header), Is.EqualTo("BODY.PEEK[HEADER]"));
        Assert.That(Written(BodySection.TextOnly, peek: false), Is.EqualTo("BODY[TEXT]"));
        Assert.That(Written(BodySection.HeaderFields(FieldNames)), Is.EqualTo("BODY.PEEK[HEADER.FIELDS (Subject List-Id)]"));
        Assert.That(Written(BodySection.HeaderFieldsExcept("Received")), Is.EqualTo("BODY.PEEK[HEADER.FIELDS.NOT (Received)]"));
        Assert.That(Written(BodySection.Part(1, 2)), Is.EqualTo("BODY.PEEK[1.2]"));
        Assert.That(Written(BodySection.Full.Slice(1024, 512)), Is.EqualTo("BODY.PEEK[]<1024.512>"));
        Assert.That(Written(BodySection.Part(3).Slice(0, 1)), Is.EqualTo("BODY.PEEK[3]<0.1>"));
    }

    [Test]
    public void Sections_of_a_structure_part_use_its_path()
    {
        var part = Structure().Flatten().Single(p => p.Section == "2.1");

        Assert.That(Written(BodySection.Part(part)), Is.EqualTo("BODY.PEEK[2.1]"));
        Assert.That(Written(BodySection.Mime(part)), Is.EqualTo("BODY.PEEK[2.1.MIME]"));
        Assert.That(Written(BodySection.Header.Of(part)), Is.EqualTo("BODY.PEEK[2.1.HEADER]"));
        Assert.That(BodySection.Mime(part).ToString(), Is.EqualTo("BODY[2.1.MIME]"));
        Assert.That(() => BodySection.Part(Structure()), Throws.ArgumentException);
    }

    [TestCase("Sub ject")]
    [TestCase("Subject:")]
    [TestCase("Subj\r\nect")]
    [TestCase("Sub)ject")]
    [TestCase("Sübject")]
    [TestCase("")]
    public void A_field_name_that_is_not_one_is_refused_where_it_is_made(string name)
    {
        Assert.That(() => BodySection.HeaderFields(name), Throws.ArgumentException);
        Assert.That(() => BodySection.HeaderFieldsExcept(name), Throws.ArgumentException);
    }

    [Test]
    public void Bad_paths_and_ranges_are_refused()
    {
        Assert.That(() => BodySection.Part(), Throws.ArgumentException);
        Assert.That(() => BodySection.Part(1, 0), Throws.ArgumentException);
        Assert.That(() => BodySection.Full.Slice(-1, 10), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => BodySection.Full.Slice(0, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => BodySection.HeaderFields(), Throws.ArgumentException);
    }

    [Test]
    public void A_response_section_matches_its_request_ignoring_the_field_list_spelling()
    {
        Assert.That(BodySection.HeaderFields(FieldNames).Matches("HEADER.FIELDS (SUBJECT LIST-ID)", null), Is.True);
        Assert.That(BodySection.HeaderFields(FieldNames).Matches("HEADER.FIELDS.NOT (SUBJECT)", null), Is.False);
        Assert.That(BodySection.Part(1, 2).Matches("1.2", null), Is.True);
        Assert.That(BodySection.Part(1, 2).Matches("1.2.MIME", null), Is.False);
        Assert.That(BodySection.Full.Slice(100, 10).Matches("", 100), Is.True);
        Assert.That(BodySection.Full.Slice(100, 10).Matches("", null), Is.False);
        Assert.That(BodySection.Full.Matches("", 100), Is.False);
    }

    [Test]
    public void Equal_sections_are_equal_whatever_the_case_of_field_names()
    {
        Assert.That(BodySection.HeaderFields("subject") == BodySection.HeaderFields("SUBJECT"), Is.True);
        Assert.That(BodySection.Part(1) == BodySection.Part(1).Slice(0, 5), Is.False);
    }

    [Test]
    public void A_fetch_request_prints_what_it_sends()
    {
        var request = new FetchRequest(FetchItems.Flags | FetchItems.Envelope)
        {
            Sections = [BodySection.HeaderFields("List-Id")],
            ChangedSince = 12345,
        };

        Assert.That(request.ToString(), Is.EqualTo("(UID FLAGS ENVELOPE MODSEQ BODY.PEEK[HEADER.FIELDS (List-Id)]) (CHANGEDSINCE 12345)"));
        Assert.That(((FetchRequest)FetchItems.Size).ToString(), Is.EqualTo("(UID RFC822.SIZE)"));
        Assert.That(new FetchRequest { Sections = [BodySection.Full], MarkSeen = true }.ToString(), Is.EqualTo("(UID BODY[])"));
    }

    private static string Written(BodySection section, bool peek = true)
    {
        using var writer = new CommandWriter(CommandWriterOptions.Default);
        section.Write(writer, peek);
        return Encoding.ASCII.GetString(writer.WrittenSpan);
    }

    private static BodyPart Structure()
    {
        var feeder = new Support.ResponseFeeder();
        feeder.Feed(Encoding.ASCII.GetBytes(
            "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1)" +
            "((\"text\" \"plain\" NIL NIL NIL \"7bit\" 3 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 3 1) \"alternative\") \"mixed\"))\r\n"));
        return ((Imap.Protocol.Responses.FetchResponse)feeder.Responses[0]).BodyStructure!;
    }
}
