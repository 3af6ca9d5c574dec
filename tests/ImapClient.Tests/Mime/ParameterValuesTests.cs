using Imap.Mime;

namespace Imap.Tests.Mime;

public class ParameterValuesTests
{
    private static KeyValuePair<string, string> P(string name, string value) => new(name, value);

    private static IReadOnlyList<KeyValuePair<string, string>> Decode(params KeyValuePair<string, string>[] raw) =>
        ParameterValues.Decode(raw);

    [Test]
    public void Rfc2231_continuations_are_joined()
    {
        var decoded = Decode(
            P("URL*0", "ftp://"),
            P("URL*1", "cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"));

        Assert.That(decoded, Is.EqualTo(new[] { P("url", "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar") }));
    }

    [Test]
    public void Rfc2231_extended_value_is_percent_decoded_in_its_charset()
    {
        var decoded = Decode(P("title*", "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A"));

        Assert.That(decoded, Is.EqualTo(new[] { P("title", "This is ***fun***") }));
    }

    [Test]
    public void Rfc2231_mixed_extended_and_plain_continuations_are_joined()
    {
        var decoded = Decode(
            P("title*0*", "us-ascii'en'This%20is%20even%20more%20"),
            P("title*1*", "%2A%2A%2Afun%2A%2A%2A%20"),
            P("title*2", "isn't it!"));

        Assert.That(decoded, Is.EqualTo(new[] { P("title", "This is even more ***fun*** isn't it!") }));
    }

    [Test]
    public void Utf8_file_name_is_decoded()
    {
        var decoded = Decode(P("filename*", "UTF-8''%E2%82%AC%20rates.pdf"));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "€ rates.pdf") }));
    }

    [TestCase("iso-8859-1'de'caf%E9", "café")]
    [TestCase("ISO-8859-2''%A3%F3d%BC", "Łódź")]
    [TestCase("koi8-r''%F0%D2%C9%D7%C5%D4.txt", "Привет.txt")]
    [TestCase("Shift_JIS''%93%FA%96%7B%8C%EA", "日本語")]
    [TestCase("windows-1252''%93q%94", "“q”")]
    public void Extended_values_decode_in_their_charset(string value, string expected)
    {
        Assert.That(Decode(P("name*", value)), Is.EqualTo(new[] { P("name", expected) }));
    }

    [Test]
    public void Multibyte_character_split_across_sections_decodes_whole()
    {
        var decoded = Decode(P("filename*0*", "UTF-8''%E2%82"), P("filename*1*", "%AC.txt"));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "€.txt") }));
    }

    [Test]
    public void Sections_are_joined_in_numeric_order_whatever_order_they_came_in()
    {
        var decoded = Decode(P("name*10", "k"), P("name*2", "c"), P("name*0", "a"), P("name*1", "b"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "abck") }));
    }

    [Test]
    public void Missing_section_is_skipped_over()
    {
        var decoded = Decode(P("name*0", "a"), P("name*2", "c"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "ac") }));
    }

    [Test]
    public void Repeated_section_keeps_the_first()
    {
        var decoded = Decode(P("name*0", "a"), P("name*0", "b"), P("name*1", "c"), P("name*1*", "%64"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "ac") }));
    }

    [Test]
    public void Leading_zeros_in_a_section_number_are_tolerated()
    {
        var decoded = Decode(P("name*01", "b"), P("name*000", "a"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "ab") }));
    }

    [Test]
    public void Charset_is_read_only_from_section_zero()
    {
        var decoded = Decode(P("name*1*", "utf-8''%C3%A9"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "utf-8''é") }));
    }

    [Test]
    public void Extended_form_wins_over_the_plain_fallback_and_keeps_the_first_position()
    {
        var decoded = Decode(
            P("filename", "fallback.pdf"),
            P("size", "10"),
            P("filename*", "utf-8''r%C3%A9el.pdf"));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "réel.pdf"), P("size", "10") }));
    }

    [Test]
    public void Single_extended_form_wins_over_continuations()
    {
        var decoded = Decode(P("name*0", "a"), P("name*", "utf-8''b"), P("name*1", "c"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "b") }));
    }

    [Test]
    public void Continuations_win_over_the_plain_form()
    {
        var decoded = Decode(P("name", "plain"), P("name*0", "a"), P("name*1", "b"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "ab") }));
    }

    [Test]
    public void Repeated_plain_name_keeps_the_first()
    {
        var decoded = Decode(P("charset", "utf-8"), P("CHARSET", "iso-8859-1"));

        Assert.That(decoded, Is.EqualTo(new[] { P("charset", "utf-8") }));
    }

    [Test]
    public void Names_match_without_case_and_come_out_in_lower_case()
    {
        var decoded = Decode(P("FileName*0", "a"), P("FILENAME*1", "b"), P("Charset", "UTF-8"));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "ab"), P("charset", "UTF-8") }));
    }

    [Test]
    public void Rfc2047_encoded_file_name_from_outlook_is_decoded()
    {
        var decoded = Decode(P("name", "=?utf-8?B?w6lsw6h2ZS5wZGY=?="));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "élève.pdf") }));
    }

    [Test]
    public void Rfc2047_word_split_across_plain_sections_is_decoded_after_joining()
    {
        var decoded = Decode(P("filename*0", "=?utf-8?q?caf"), P("filename*1", "=C3=A9.txt?="));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "café.txt") }));
    }

    [Test]
    public void Rfc2047_in_a_plain_value_keeps_its_non_ascii_text()
    {
        var decoded = Decode(P("name", "Grüße =?utf-8?q?aus?= Köln"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "Grüße aus Köln") }));
    }

    [Test]
    public void Extended_value_is_not_rfc2047_decoded()
    {
        var decoded = Decode(P("filename*", "utf-8''%3D%3Futf-8%3Fq%3Fx%3F%3D"));

        Assert.That(decoded, Is.EqualTo(new[] { P("filename", "=?utf-8?q?x?=") }));
    }

    [TestCase("x-klingon''caf%C3%A9", "café")]
    [TestCase("x-klingon''caf%E9", "café")]
    [TestCase("''caf%C3%A9", "café")]
    [TestCase("caf%C3%A9", "café")]
    [TestCase("utf-8'caf%C3%A9", "utf-8'café")]
    public void Unknown_empty_or_missing_charset_decodes_as_utf8_or_else_latin1(string value, string expected)
    {
        Assert.That(Decode(P("name*", value)), Is.EqualTo(new[] { P("name", expected) }));
    }

    [TestCase("utf-8''100%.txt", "100%.txt")]
    [TestCase("utf-8''50%2", "50%2")]
    [TestCase("utf-8''%zz", "%zz")]
    [TestCase("utf-8''%", "%")]
    public void Percent_not_followed_by_two_hex_digits_is_literal(string value, string expected)
    {
        Assert.That(Decode(P("name*", value)), Is.EqualTo(new[] { P("name", expected) }));
    }

    [Test]
    public void Invalid_bytes_in_the_charset_become_replacement_characters()
    {
        var decoded = Decode(P("name*", "utf-8''a%FFb"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "a\uFFFDb") }));
    }

    [Test]
    public void Non_ascii_character_in_an_extended_value_is_kept()
    {
        var decoded = Decode(P("name*", "utf-8''caf%C3%A9-ü"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "café-ü") }));
    }

    [Test]
    public void Section_above_999_is_dropped()
    {
        var decoded = Decode(P("name*0", "a"), P("name*1000", "b"), P("name*99999999999999999999", "c"), P("other*1000", "d"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "a") }));
    }

    [Test]
    public void Section_999_is_kept()
    {
        var decoded = Decode(P("name*999", "z"), P("name*0", "a"));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "az") }));
    }

    [TestCase("*0")]
    [TestCase("*")]
    [TestCase("")]
    public void Parameter_without_a_name_is_dropped(string name)
    {
        Assert.That(Decode(P(name, "x"), P("a", "b")), Is.EqualTo(new[] { P("a", "b") }));
    }

    [Test]
    public void Star_that_is_not_a_section_is_part_of_the_name()
    {
        Assert.That(Decode(P("na*me", "x")), Is.EqualTo(new[] { P("na*me", "x") }));
    }

    [Test]
    public void Parameters_that_need_no_decoding_come_back_as_a_read_only_view()
    {
        KeyValuePair<string, string>[] raw = [P("charset", "utf-8"), P("name", "report.pdf")];

        var decoded = ParameterValues.Decode(raw);

        Assert.That(decoded, Is.InstanceOf<System.Collections.ObjectModel.ReadOnlyCollection<KeyValuePair<string, string>>>());
        Assert.That(decoded, Is.EqualTo(new[] { P("charset", "utf-8"), P("name", "report.pdf") }));
    }

    [Test]
    public void Many_parameters_still_match_names_without_case()
    {
        var raw = Enumerable.Range(0, 20).Select(i => P($"p{i}", "v")).Append(P("P3*", "utf-8''x")).Append(P("p19*1", "y")).ToArray();

        var decoded = ParameterValues.Decode(raw);

        Assert.That(
            decoded,
            Is.EqualTo(Enumerable.Range(0, 20).Select(i => P($"p{i}", i switch { 3 => "x", 19 => "y", _ => "v" })).ToArray()));
    }

    [Test]
    public void No_parameters_give_none()
    {
        Assert.That(ParameterValues.Decode([]), Is.Empty);
    }

    [Test]
    public void Ten_thousand_continuation_sections_keep_the_first_thousand()
    {
        var raw = Enumerable.Range(0, 10_000).Select(i => P($"name*{i}*", "%41")).ToArray();

        var decoded = Within(() => ParameterValues.Decode(raw));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", new string('A', 1000)) }));
    }

    [Test]
    public void Ten_thousand_repeats_of_one_section_keep_the_first()
    {
        var raw = Enumerable.Range(0, 10_000).Select(i => P("name*5", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var decoded = Within(() => ParameterValues.Decode(raw));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", "0") }));
    }

    [Test]
    public void Thousand_sections_in_reverse_order_are_sorted()
    {
        var raw = Enumerable.Range(0, 1000).Reverse().Select(i => P($"name*{i}", (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var decoded = Within(() => ParameterValues.Decode(raw));

        Assert.That(decoded, Is.EqualTo(new[] { P("name", string.Concat(Enumerable.Repeat("0123456789", 100))) }));
    }

    private static T Within<T>(Func<T> work)
    {
        Task<T> task = Task.Run(work);
        Assert.That(task.Wait(TimeSpan.FromSeconds(30)), Is.True, "did not finish within 30 s");
        return task.Result;
    }
}
