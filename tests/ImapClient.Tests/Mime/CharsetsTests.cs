using System.Text;
using Imap.Mime;

namespace Imap.Tests.Mime;

public class CharsetsTests
{
    [TestCase("utf-8", 65001)]
    [TestCase("UTF8", 65001)]
    [TestCase("Utf_8", 65001)]
    [TestCase("  utf-8  ", 65001)]
    [TestCase("us-ascii", 1252)]
    [TestCase("ASCII", 1252)]
    [TestCase("iso-8859-1", 1252)]
    [TestCase("ISO_8859-1", 1252)]
    [TestCase("ISO_8859-1:1987", 1252)]
    [TestCase("latin1", 1252)]
    [TestCase("cp1252", 1252)]
    [TestCase("Windows-1252", 1252)]
    [TestCase("iso-8859-2", 28592)]
    [TestCase("latin2", 28592)]
    [TestCase("iso-8859-15", 28605)]
    [TestCase("windows-1250", 1250)]
    [TestCase("windows-1251", 1251)]
    [TestCase("cp1251", 1251)]
    [TestCase("KOI8-R", 20866)]
    [TestCase("koi8-u", 21866)]
    [TestCase("gb2312", 936)]
    [TestCase("GBK", 936)]
    [TestCase("gb18030", 54936)]
    [TestCase("big5", 950)]
    [TestCase("Shift_JIS", 932)]
    [TestCase("sjis", 932)]
    [TestCase("windows-31j", 932)]
    [TestCase("euc-jp", 51932)]
    [TestCase("ISO-2022-JP", 50220)]
    [TestCase("euc-kr", 949)]
    [TestCase("ks_c_5601-1987", 949)]
    [TestCase("tis-620", 874)]
    [TestCase("utf-16", 1201)]
    [TestCase("UTF-16LE", 1200)]
    [TestCase("utf-32", 12001)]
    [TestCase("utf-32le", 12000)]
    public void Known_names_and_aliases_find_their_code_page(string name, int codePage)
    {
        Assert.That(Charsets.Find(name)?.CodePage, Is.EqualTo(codePage));
    }

    [TestCase("ibm437", 437)]
    [TestCase("IBM850", 850)]
    [TestCase("x-mac-japanese", 10001)]
    public void Names_outside_the_table_are_asked_of_the_code_pages_provider(string name, int codePage)
    {
        Assert.That(Charsets.Find(name)?.CodePage, Is.EqualTo(codePage));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("x-klingon")]
    [TestCase("utf-7")]
    [TestCase("utf-8é")]
    [TestCase("iso-8859-99")]
    public void Unknown_names_find_nothing(string name)
    {
        Assert.That(Charsets.Find(name), Is.Null);
    }

    [Test]
    public void Over_long_name_finds_nothing()
    {
        Assert.That(Charsets.Find("utf-8" + new string('-', 100)), Is.Null);
    }

    [Test]
    public void Byte_name_finds_the_same_instance_as_the_char_name()
    {
        Assert.That(Charsets.Find("UTF-8"u8), Is.SameAs(Charsets.Find("utf8")));
    }

    [Test]
    public void Non_ascii_byte_name_finds_nothing()
    {
        Assert.That(Charsets.Find([(byte)'u', (byte)'t', (byte)'f', 0xFF]), Is.Null);
    }

    [Test]
    public void Aliases_share_one_cached_instance()
    {
        Assert.That(Charsets.Find("ISO-2022-JP"), Is.SameAs(Charsets.Find("csISO2022JP")));
    }

    [Test]
    public void Looking_up_ten_thousand_unknown_names_caches_nothing()
    {
        Charsets.Find("utf-8");
        int before = Charsets.CacheCount;

        for (int i = 0; i < 10_000; i++)
        {
            Charsets.Find("x-unknown-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.That(Charsets.CacheCount, Is.EqualTo(before));
    }

    [Test]
    public void Invalid_utf8_decodes_to_replacement_characters()
    {
        Encoding utf8 = Charsets.Find("utf-8")!;

        Assert.That(utf8.GetString([(byte)'a', 0xFF, (byte)'b', 0xE2, 0x82]), Is.EqualTo("a\uFFFDb\uFFFD"));
    }

    [Test]
    public void Invalid_shift_jis_decodes_to_replacement_characters()
    {
        Encoding shiftJis = Charsets.Find("shift_jis")!;

        Assert.That(shiftJis.GetString([0x82, 0xA0, 0x81]), Is.EqualTo("あ\uFFFD"));
    }

    [Test]
    public void Windows_1252_maps_its_undefined_bytes_to_c1_controls()
    {
        Encoding windows1252 = Charsets.Find("windows-1252")!;

        Assert.That(windows1252.GetString([0x80, 0x81, 0x9D, 0xE9]), Is.EqualTo("€\u0081\u009Dé"));
    }

    [Test]
    public void Bare_utf16_is_big_endian()
    {
        Assert.That(Charsets.Find("utf-16")!.GetString([0x00, 0x41, 0x30, 0x42]), Is.EqualTo("Aあ"));
    }

    [Test]
    public void Unlabelled_valid_utf8_is_utf8()
    {
        Assert.That(Charsets.DecodeUnlabelled("Grüße"u8), Is.EqualTo("Grüße"));
    }

    [Test]
    public void Unlabelled_invalid_utf8_is_latin1()
    {
        Assert.That(Charsets.DecodeUnlabelled([0x47, 0xFC, 0x80, 0xE9]), Is.EqualTo("Gü\u0080é"));
    }
}
