using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// MIME tokens are case-insensitive (RFC 2045 §5.1 and §6.1, RFC 2183 §2) and Cyrus sends them in upper case: every
/// one of them reads in lower case, with the spelling as sent kept beside it.
/// </summary>
public sealed class BodyStructureCaseTests
{
    // As Cyrus 3.6 sends it: type, subtype, parameter names, encoding and disposition type all in upper case.
    private const string Cyrus =
        "* 1 FETCH (UID 7 BODYSTRUCTURE (" +
        "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 120 4 NIL NIL NIL NIL)" +
        "(\"APPLICATION\" \"PDF\" (\"NAME\" \"Report.pdf\") NIL NIL \"BASE64\" 900 NIL (\"ATTACHMENT\" (\"FILENAME\" \"Report.pdf\")) NIL NIL)" +
        "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 300 (NIL \"Fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) " +
        "(\"TEXT\" \"HTML\" NIL NIL NIL \"8BIT\" 100 2 NIL NIL NIL NIL) 10 NIL NIL NIL NIL)" +
        " \"MIXED\" (\"BOUNDARY\" \"b1\") (\"INLINE\" NIL) NIL NIL))\r\n";

    [Test]
    public void Upper_case_media_types_subtypes_encodings_and_dispositions_read_in_lower_case_with_the_raw_spelling_kept()
    {
        // Regression: MediaSubtype, Encoding and Disposition.Type kept Cyrus's upper case while MediaType did not.
        var mixed = (Multipart)Parse(Cyrus).BodyStructure!;
        var text = (TextPart)mixed.Parts[0];
        var pdf = (SinglePart)mixed.Parts[1];
        var forwarded = (MessagePart)mixed.Parts[2];

        Assert.That((mixed.MediaType, mixed.MediaSubtype, mixed.RawMediaSubtype, mixed.ContentType), Is.EqualTo(("multipart", "mixed", "MIXED", "multipart/mixed")));
        Assert.That((mixed.Disposition!.Type, mixed.Disposition.RawType), Is.EqualTo(("inline", "INLINE")));
        Assert.That((text.MediaType, text.RawMediaType, text.MediaSubtype, text.RawMediaSubtype), Is.EqualTo(("text", "TEXT", "plain", "PLAIN")));
        Assert.That((text.Encoding, text.RawEncoding), Is.EqualTo(("quoted-printable", "QUOTED-PRINTABLE")));
        Assert.That((pdf.ContentType, pdf.Encoding, pdf.RawEncoding), Is.EqualTo(("application/pdf", "base64", "BASE64")));
        Assert.That((pdf.Disposition!.Type, pdf.Disposition.RawType, pdf.Disposition.IsAttachment), Is.EqualTo(("attachment", "ATTACHMENT", true)));
        Assert.That((forwarded.ContentType, forwarded.RawMediaType, forwarded.Encoding), Is.EqualTo(("message/rfc822", "MESSAGE", "7bit")));
        Assert.That(forwarded.Body!.ContentType, Is.EqualTo("text/html"));
    }

    [Test]
    public void Upper_case_parameter_names_read_in_lower_case_and_their_values_stay_as_sent()
    {
        var mixed = (Multipart)Parse(Cyrus).BodyStructure!;
        var text = (TextPart)mixed.Parts[0];
        var pdf = (SinglePart)mixed.Parts[1];

        Assert.That(text.Parameters.Single(), Is.EqualTo(new KeyValuePair<string, string>("charset", "UTF-8")));
        Assert.That(mixed.Parameters.Decoded.Single(), Is.EqualTo(new KeyValuePair<string, string>("boundary", "b1")));
        Assert.That(pdf.Disposition!.Parameters.Single().Key, Is.EqualTo("filename"));
        Assert.That(pdf.FileName, Is.EqualTo("Report.pdf"));
    }

    [Test]
    public void Rfc_2231_continuations_join_when_the_server_spells_their_names_in_different_cases()
    {
        var fetch = Parse(
            "* 2 FETCH (BODYSTRUCTURE (\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 10 NIL " +
            "(\"ATTACHMENT\" (\"FILENAME*0\" \"long-\" \"filename*1\" \"name.bin\")) NIL NIL))\r\n");
        var part = (SinglePart)fetch.BodyStructure!;

        Assert.That(part.FileName, Is.EqualTo("long-name.bin"));
    }

    [Test]
    public void Lower_case_tokens_are_their_own_raw_spelling()
    {
        var part = (TextPart)Parse("* 3 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL NIL 3 1))\r\n").BodyStructure!;

        Assert.That(part.RawMediaSubtype, Is.SameAs(part.MediaSubtype));
        Assert.That((part.Encoding, part.RawEncoding), Is.EqualTo(("7bit", "7BIT")), "NIL is read as 7BIT");
    }

    private static Imap.Protocol.Responses.FetchResponse Parse(string input)
    {
        var feeder = new ResponseFeeder();
        feeder.Feed(System.Text.Encoding.Latin1.GetBytes(input));
        Assert.That(feeder.Responses, Has.Count.EqualTo(1), () => string.Join(" | ", feeder.Events));
        return (Imap.Protocol.Responses.FetchResponse)feeder.Responses[0];
    }
}
