using System.Text;
using CsCheck;
using Imap.Mime;

namespace Imap.Tests.Mime;

public class EncodedWordsTests
{
    private static string Text(string header) => EncodedWords.DecodeText(Encoding.UTF8.GetBytes(header));

    private static string Phrase(string header) => EncodedWords.DecodePhrase(Encoding.UTF8.GetBytes(header));

    // RFC 2047 §8, the table of encoded words in comments, and its header examples.
    [TestCase("(=?ISO-8859-1?Q?a?=)", "(a)")]
    [TestCase("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [TestCase("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [TestCase("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [TestCase("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)")]
    [TestCase("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [TestCase("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)")]
    [TestCase("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore")]
    [TestCase("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen")]
    [TestCase("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard")]
    [TestCase("=?ISO-8859-1?Q?Olle_J=E4rnefors?=", "Olle Järnefors")]
    [TestCase("=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?=", "Patrik Fältström")]
    [TestCase(
        "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
        "If you can read this you understand the example.")]
    public void Rfc2047_examples_decode_as_the_rfc_says(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [Test]
    public void Rfc2231_language_in_an_encoded_word_is_accepted_and_dropped()
    {
        Assert.That(Text("=?US-ASCII*EN?Q?Keith_Moore?="), Is.EqualTo("Keith Moore"));
    }

    [Test]
    public void Adjacent_encoded_words_drop_the_whitespace_between_them()
    {
        Assert.That(Text("=?utf-8?q?one?= \t =?utf-8?q?_two?=\r\n =?utf-8?b?IHRocmVl?="), Is.EqualTo("one two three"));
    }

    [Test]
    public void Whitespace_between_an_encoded_word_and_plain_text_is_kept()
    {
        Assert.That(Text("plain  =?utf-8?q?word?=  plain"), Is.EqualTo("plain  word  plain"));
    }

    [Test]
    public void Encoded_word_glued_to_other_text_is_decoded()
    {
        Assert.That(Text("Re:=?utf-8?q?caf=C3=A9?=!"), Is.EqualTo("Re:café!"));
    }

    [Test]
    public void Words_without_whitespace_between_them_are_adjacent()
    {
        Assert.That(Text("=?utf-8?q?a?==?utf-8?q?b?="), Is.EqualTo("ab"));
    }

    [TestCase("=?UTF-8?B?R3LDvMOfZSDml6XmnKw=?=", "Grüße 日本")]
    [TestCase("=?ISO-8859-1?Q?caf=E9?=", "café")]
    [TestCase("=?ISO-8859-2?Q?=A3=F3d=BC?=", "Łódź")]
    [TestCase("=?iso-8859-2?q?=AElu=BBou=E8k=FD_k=F9=F2?=", "Žluťoučký kůň")]
    [TestCase("=?windows-1252?Q?=80_=93quoted=94?=", "€ “quoted”")]
    [TestCase("=?KOI8-R?B?8NLJ18XU?=", "Привет")]
    [TestCase("=?koi8-r?q?=F0=D2=C9=D7=C5=D4?=", "Привет")]
    [TestCase("=?KOI8-U?Q?=F5=CB=D2=C1=A7=CE=C1?=", "Україна")]
    [TestCase("=?Shift_JIS?B?k/qWe4zq?=", "日本語")]
    [TestCase("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=", "日本")]
    [TestCase("=?EUC-KR?B?x9Gxub7u?=", "한국어")]
    [TestCase("=?GB2312?B?1tDOxA==?=", "中文")]
    [TestCase("=?Big5?B?pKSk5Q==?=", "中文")]
    public void Encoded_words_decode_in_their_charset(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [Test]
    public void Iso_8859_1_label_decodes_windows_1252_quotes_as_mail_clients_do()
    {
        Assert.That(Text("=?iso-8859-1?q?=93hi=94?="), Is.EqualTo("“hi”"));
    }

    [Test]
    public void Utf8_character_split_across_two_q_words_decodes_whole()
    {
        Assert.That(Text("=?UTF-8?Q?=E2=82?= =?UTF-8?Q?=AC?="), Is.EqualTo("€"));
    }

    [Test]
    public void Utf8_character_split_across_two_b_words_decodes_whole()
    {
        Assert.That(Text("=?utf-8?B?4oI=?=\r\n =?UTF-8?B?rA==?= rates"), Is.EqualTo("€ rates"));
    }

    [Test]
    public void Character_split_across_a_b_word_and_a_q_word_in_one_charset_decodes_whole()
    {
        Assert.That(Text("=?utf-8?b?4oI=?= =?utf8?q?=AC?="), Is.EqualTo("€"));
    }

    [Test]
    public void Shift_jis_character_split_between_lead_and_trail_byte_decodes_whole()
    {
        Assert.That(Text("=?shift_jis?q?=93?= =?SHIFT_JIS?q?=FA?="), Is.EqualTo("日"));
    }

    [Test]
    public void Iso_2022_jp_escape_and_text_in_separate_words_decode_together()
    {
        // ESC $ B, then the two bytes of 日, then ESC ( B back to ASCII.
        Assert.That(Text("=?iso-2022-jp?q?=1B$B?= =?iso-2022-jp?q?F|?= =?iso-2022-jp?q?=1B(Bx?="), Is.EqualTo("日x"));
    }

    [Test]
    public void Split_bytes_in_different_charsets_are_not_joined()
    {
        Assert.That(Text("=?utf-8?q?=E2=82?= =?iso-8859-1?q?=AC?="), Is.EqualTo("\uFFFD¬"));
    }

    [Test]
    public void Invalid_bytes_in_a_known_charset_become_replacement_characters()
    {
        Assert.That(Text("=?utf-8?q?a=FFb?="), Is.EqualTo("a\uFFFDb"));
    }

    [TestCase("=?x-klingon?Q?abc?= tail", "=?x-klingon?Q?abc?= tail")]
    [TestCase("=?utf-7?Q?abc?=", "=?utf-7?Q?abc?=")]
    [TestCase("=?utf-8?q?a=ZZ?=", "=?utf-8?q?a=ZZ?=")]
    [TestCase("=?utf-8?q?a=4?=", "=?utf-8?q?a=4?=")]
    [TestCase("=?utf-8?q?a=?=", "=?utf-8?q?a=?=")]
    [TestCase("=?utf-8?b?SGVs*bG8=?=", "=?utf-8?b?SGVs*bG8=?=")]
    public void Encoded_word_with_unknown_charset_or_bad_text_is_kept_raw(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [Test]
    public void Raw_kept_word_between_decoded_words_keeps_its_whitespace()
    {
        Assert.That(
            Text("=?utf-8?q?a?= =?x-unknown?q?b?= =?utf-8?q?c?="),
            Is.EqualTo("a =?x-unknown?q?b?= c"));
    }

    [TestCase("=?utf-8?q?abc", "=?utf-8?q?abc")]
    [TestCase("=?utf-8?x?abc?=", "=?utf-8?x?abc?=")]
    [TestCase("=??q?abc?=", "=??q?abc?=")]
    [TestCase("=?*en?q?abc?=", "=?*en?q?abc?=")]
    [TestCase("=?utf-8?q?a?b?=", "=?utf-8?q?a?b?=")]
    [TestCase("=?utf-8?q?a\r\nb?=", "=?utf-8?q?ab?=")]
    [TestCase("a =? b ?= c", "a =? b ?= c")]
    [TestCase("=?", "=?")]
    [TestCase("?=", "?=")]
    public void Text_that_only_looks_like_an_encoded_word_is_plain_text(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [Test]
    public void Over_long_charset_is_not_an_encoded_word()
    {
        string header = "=?" + new string('a', 200) + "?q?x?=";

        Assert.That(Text(header), Is.EqualTo(header));
    }

    [Test]
    public void Broken_word_does_not_hide_a_valid_word_after_it()
    {
        Assert.That(Text("=?utf-8?q?broken =?utf-8?q?ok?="), Is.EqualTo("=?utf-8?q?broken ok"));
    }

    [TestCase("=?utf-8?b?SGVsbG8?=", "Hello")]
    [TestCase("=?utf-8?b?SGVsbA?=", "Hell")]
    [TestCase("=?utf-8?b?SGk=SGk=?=", "HiHi")]
    [TestCase("=?utf-8?b?SGVs bG8=?=", "Hello")]
    [TestCase("=?utf-8?b?S?=", "")]
    public void Base64_tolerates_missing_padding_glued_chunks_and_spaces(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [TestCase("=?iso-8859-1?q?caf=e9?=", "café")]
    [TestCase("=?utf-8?q?Hello World?=", "Hello World")]
    [TestCase("=?utf-8?q??=", "")]
    [TestCase("=?utf-8?q?a=0D=0Ab?=", "a\r\nb")]
    public void Q_accepts_lower_case_hex_literal_spaces_and_empty_text(string header, string expected)
    {
        Assert.That(Text(header), Is.EqualTo(expected));
    }

    [Test]
    public void Raw_utf8_outside_encoded_words_is_utf8()
    {
        Assert.That(Text("Grüße =?utf-8?q?aus?= Köln"), Is.EqualTo("Grüße aus Köln"));
    }

    [Test]
    public void Raw_bytes_that_are_not_utf8_are_latin1()
    {
        byte[] header = [(byte)'G', (byte)'r', 0xFC, 0xDF, (byte)'e'];

        Assert.That(EncodedWords.DecodeText(header), Is.EqualTo("Grüße"));
    }

    [Test]
    public void Each_run_of_raw_bytes_is_judged_on_its_own()
    {
        byte[] header = [0xFC, .. " =?utf-8?q?x?= "u8, 0xC3, 0xBC];

        Assert.That(EncodedWords.DecodeText(header), Is.EqualTo("ü x ü"));
    }

    [Test]
    public void Folded_plain_text_is_unfolded()
    {
        Assert.That(Text("Hello\r\n World\r\n\tagain"), Is.EqualTo("Hello World\tagain"));
    }

    [Test]
    public void Empty_input_is_empty_text()
    {
        Assert.That(EncodedWords.DecodeText([]), Is.EqualTo(string.Empty));
    }

    [TestCase("\"John Doe\"", "John Doe")]
    [TestCase("\"Doe, John\"", "Doe, John")]
    [TestCase("\"a \\\"quoted\\\" word\"", "a \"quoted\" word")]
    [TestCase("\"back\\\\slash\"", "back\\slash")]
    [TestCase("John \"Q.\" Public", "John Q. Public")]
    [TestCase("\"unterminated", "unterminated")]
    [TestCase("\"ends in\\", "ends in\\")]
    [TestCase("a\\b", "a\\b")]
    [TestCase("", "")]
    public void Phrase_quoted_strings_are_unquoted(string phrase, string expected)
    {
        Assert.That(Phrase(phrase), Is.EqualTo(expected));
    }

    [TestCase("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen")]
    [TestCase("\"=?utf-8?q?J=C3=BCrgen?=\"", "Jürgen")]
    [TestCase("=?utf-8?q?J=C3=BCrgen?= \"M\"", "Jürgen M")]
    [TestCase("\"=?utf-8?q?J=C3=BC?=\" \"=?utf-8?q?rgen?=\"", "Jürgen")]
    [TestCase("\"=?utf-8?q?=E2=82?=\" =?utf-8?q?=AC?=", "€")]
    public void Phrase_decodes_encoded_words_also_inside_quotes(string phrase, string expected)
    {
        Assert.That(Phrase(phrase), Is.EqualTo(expected));
    }

    [Test]
    public void Megabyte_of_word_starts_is_returned_as_text()
    {
        string header = string.Concat(Enumerable.Repeat("=?", 512 * 1024));

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(header));
    }

    [Test]
    public void Megabyte_of_unterminated_word_heads_is_returned_as_text()
    {
        string header = string.Concat(Enumerable.Repeat("=?utf-8?q?", 100 * 1024));

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(header));
    }

    [Test]
    public void Megabyte_of_encoded_text_without_its_end_is_returned_as_text()
    {
        string header = "=?utf-8?q?" + new string('x', 1024 * 1024) + " =?utf-8?q?" + new string('=', 1024);

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(header));
    }

    [Test]
    public void Ten_thousand_encoded_words_decode_to_ten_thousand_characters()
    {
        string header = string.Concat(Enumerable.Repeat("=?utf-8?b?w6k=?= ", 10_000));

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(new string('é', 10_000) + " "));
    }

    [Test]
    public void Ten_thousand_words_alternating_charsets_decode_each()
    {
        string header = string.Concat(Enumerable.Repeat("=?utf-8?q?=C3=A9?= =?iso-8859-1?q?=E8?= ", 5_000));

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(string.Concat(Enumerable.Repeat("éè", 5_000)) + " "));
    }

    [Test]
    public void Ten_thousand_unknown_charset_words_are_kept_raw()
    {
        string header = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"=?x-{i}?q?a?= "));

        string decoded = Within(() => Text(header));

        Assert.That(decoded, Is.EqualTo(header));
    }

    [Test]
    public void Utf8_text_encoded_as_b_and_q_words_in_arbitrary_pieces_decodes_back()
    {
        Gen<int> scalar = Gen.OneOf(
            Gen.Int[0, 0x7F],
            Gen.Int[0x80, 0x7FF],
            Gen.Int[0x800, 0xD7FF],
            Gen.Int[0xE000, 0xFFFF],
            Gen.Int[0x10000, 0x10FFFF]);
        Gen<string> text = scalar.Select(char.ConvertFromUtf32).Array[0, 30].Select(string.Concat);
        Gen<Case> oneCase =
            from t in text
            from pieces in Gen.Int[1, 9].Array[1, 40]
            from encodings in Gen.Int[0, 2].Array[40]
            from separators in Gen.Int[0, 3].Array[40]
            select new Case(t, pieces, encodings, separators);

        // One run over a fixed list of cases, so every test run checks the same inputs.
        oneCase.Array[300].Sample(
            cases =>
            {
                foreach (Case c in cases)
                {
                    string header = Encode(c);
                    Assert.That(Text(header), Is.EqualTo(c.Text), header);
                }
            },
            iter: 1,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    [Test]
    public void Own_test_encoder_produces_the_rfc_forms()
    {
        var c = new Case("a é?", [2, 1, 9], [0, 1, 2], [0, 1, 2]);

        Assert.That(Encode(c), Is.EqualTo("=?UTF-8?B?YSA=?= =?utf-8?q?=C3?=\r\n =?utf-8?b?qT8?="));
    }

    private static string Encode(Case c)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(c.Text);
        var header = new StringBuilder();
        int offset = 0;
        int index = 0;
        do
        {
            int length = Math.Min(c.Pieces[index % c.Pieces.Length], bytes.Length - offset);
            ReadOnlySpan<byte> piece = bytes.AsSpan(offset, length);
            if (index > 0)
            {
                header.Append((c.Separators[index % c.Separators.Length]) switch { 0 => "", 1 => " ", 2 => "\r\n ", _ => " \t " });
            }

            switch (c.Encodings[index % c.Encodings.Length])
            {
                case 0:
                    header.Append("=?UTF-8?B?").Append(Convert.ToBase64String(piece)).Append("?=");
                    break;
                case 1:
                    header.Append("=?utf-8?q?").Append(QEncode(piece)).Append("?=");
                    break;
                default:
                    header.Append("=?utf-8?b?").Append(Convert.ToBase64String(piece).TrimEnd('=')).Append("?=");
                    break;
            }

            offset += length;
            index++;
        }
        while (offset < bytes.Length);

        return header.ToString();
    }

    private static string QEncode(ReadOnlySpan<byte> bytes)
    {
        var q = new StringBuilder();
        foreach (byte b in bytes)
        {
            if (b == ' ')
            {
                q.Append('_');
            }
            else if (char.IsAsciiLetterOrDigit((char)b))
            {
                q.Append((char)b);
            }
            else
            {
                q.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return q.ToString();
    }

    /// <summary>Guards against quadratic work: a hang fails the test instead of stalling the run.</summary>
    private static T Within<T>(Func<T> work)
    {
        Task<T> task = Task.Run(work);
        Assert.That(task.Wait(TimeSpan.FromSeconds(30)), Is.True, "did not finish within 30 s");
        return task.Result;
    }

    private sealed record Case(string Text, int[] Pieces, int[] Encodings, int[] Separators);
}
