using System.Text;
using CsCheck;
using Imap.Protocol;

namespace Imap.Tests.Protocol;

public class ModifiedUtf7Tests
{
    [TestCase("~peter/mail/\u53F0\u5317/\u65E5\u672C\u8A9E", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [TestCase("", "")]
    [TestCase("INBOX", "INBOX")]
    [TestCase("&", "&-")]
    [TestCase("a&b", "a&-b")]
    [TestCase("&&", "&-&-")]
    [TestCase("Entw\u00FCrfe", "Entw&APw-rfe")]
    [TestCase("\u00E9\u00E9", "&AOkA6Q-")]
    [TestCase("\u00E9&", "&AOk-&-")]
    [TestCase("a-&-", "a-&--")]
    [TestCase("\t", "&AAk-")]
    [TestCase("\r\n", "&AA0ACg-")]
    [TestCase("\u007F", "&AH8-")]
    [TestCase("\U0001F600", "&2D3eAA-")]
    [TestCase("x\U0001F600y", "x&2D3eAA-y")]
    [TestCase("\u00E9\U0001F600\u00E9", "&AOnYPd4AAOk-")]
    public void Names_encode_and_decode_to_the_canonical_form(string name, string wire)
    {
        Assert.That(ModifiedUtf7.Encode(name), Is.EqualTo(wire));
        Assert.That(ModifiedUtf7.TryDecode(Encoding.ASCII.GetBytes(wire), out string? decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(name));
    }

    [TestCase("&AGE-", TestName = "Encoded printable ASCII is rejected")]
    [TestCase("&ACY-", TestName = "Encoded ampersand is rejected")]
    [TestCase("&AOk", TestName = "A run not closed by a dash is rejected")]
    [TestCase("&", TestName = "A lone ampersand is rejected")]
    [TestCase("abc&", TestName = "A trailing ampersand is rejected")]
    [TestCase("&AOk-&AOk-", TestName = "Adjacent runs are rejected")]
    [TestCase("&AOl-", TestName = "Nonzero pad bits are rejected")]
    [TestCase("&AOkA-", TestName = "A spare base64 character is rejected")]
    [TestCase("&A-", TestName = "Six bits are rejected")]
    [TestCase("&AA-", TestName = "Twelve bits are rejected")]
    [TestCase("&AOk/-", TestName = "Standard base64 slash is rejected")]
    [TestCase("&AOk=-", TestName = "Base64 padding is rejected")]
    [TestCase("&AO k-", TestName = "A space inside a run is rejected")]
    [TestCase("&2D0-", TestName = "An unpaired high surrogate is rejected")]
    [TestCase("&3gA-", TestName = "An unpaired low surrogate is rejected")]
    [TestCase("&3gDYPQ-", TestName = "A low surrogate before a high one is rejected")]
    [TestCase("&2D3YPQ-", TestName = "Two high surrogates are rejected")]
    [TestCase("&2D0AYQ-", TestName = "A high surrogate followed by a letter is rejected")]
    [TestCase("&AAA-", TestName = "A decoded NUL is rejected")]
    [TestCase("a\tb", TestName = "A raw control byte is rejected")]
    [TestCase("a\u007Fb", TestName = "A raw DEL byte is rejected")]
    public void Non_canonical_forms_are_rejected(string wire)
    {
        Assert.That(ModifiedUtf7.TryDecode(Encoding.Latin1.GetBytes(wire), out string? name), Is.False);
        Assert.That(name, Is.Null);
    }

    [Test]
    public void Eight_bit_bytes_are_rejected()
    {
        Assert.That(ModifiedUtf7.TryDecode("caf\u00E9"u8, out _), Is.False);
        Assert.That(ModifiedUtf7.TryDecode([0x61, 0x80], out _), Is.False);
        Assert.That(ModifiedUtf7.TryDecode([0xFF], out _), Is.False);
        Assert.That(ModifiedUtf7.TryDecode([0x61, 0x00], out _), Is.False);
    }

    // Built in code: attribute arguments cannot carry lone surrogates (metadata stores them as UTF-8).
    private static readonly string[] Unencodable = ["a\0b", "\0", "\uD83D", "x\uD83Dy", "\uDE00", "\uDE00\uD83D", "\u00E9\uD83D"];

    [TestCaseSource(nameof(Unencodable))]
    public void Names_that_cannot_be_encoded_are_rejected(string name)
    {
        Assert.That(name.Length, Is.GreaterThan(0));
        Assert.That(() => ModifiedUtf7.Encode(name), Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
    }

    [Test]
    public void Long_names_use_the_pooled_buffers()
    {
        string name = string.Concat(Enumerable.Repeat("\u00E9a&\U0001F600z", 300));
        string wire = ModifiedUtf7.Encode(name);
        Assert.That(wire, Is.EqualTo(string.Concat(Enumerable.Repeat("&AOk-a&-&2D3eAA-z", 300))));
        Assert.That(ModifiedUtf7.TryDecode(Encoding.ASCII.GetBytes(wire), out string? decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(name));
    }

    [Test]
    public void Arbitrary_names_round_trip_and_match_an_independent_encoder()
    {
        var pcg = new PCG(6, 3501);
        for (int i = 0; i < 3000; i++)
        {
            string name = ArbitraryName.Generate(pcg, null!, out _);
            string wire = ModifiedUtf7.Encode(name);
            Assert.That(wire, Is.EqualTo(ReferenceEncode(name)), name);
            Assert.That(wire.All(c => c is >= ' ' and <= '~'), Is.True, wire);
            Assert.That(ModifiedUtf7.TryDecode(Encoding.ASCII.GetBytes(wire), out string? decoded), Is.True, wire);
            Assert.That(decoded, Is.EqualTo(name), wire);
        }
    }

    [Test]
    public void Every_accepted_byte_string_is_the_one_encoding_of_its_name()
    {
        // Strictness means uniqueness: whatever decodes must encode back to the same bytes.
        var pcg = new PCG(7, 5161);
        var piece = Gen.OneOf("&", "-", "&-", "A", "AA", "AOk", "2D3eAA", "3gA", "Z", ",", "+", "/", "a", " ", "~", "0", "9");
        var wires = piece.Array[0, 8].Select(string.Concat);
        int accepted = 0;
        for (int i = 0; i < 20000; i++)
        {
            string wire = wires.Generate(pcg, null!, out _);
            if (ModifiedUtf7.TryDecode(Encoding.ASCII.GetBytes(wire), out string? name))
            {
                accepted++;
                Assert.That(ModifiedUtf7.Encode(name), Is.EqualTo(wire), name);
            }
        }

        Assert.That(accepted, Is.GreaterThan(1000));
    }

    // Valid scalar values without NUL: ASCII (with '&' and controls), Latin-1, BMP and astral characters.
    internal static readonly Gen<string> ArbitraryName = Gen.Frequency(
            (8, Gen.Int[0x01, 0x7F]),
            (2, Gen.OneOf(0x26, 0x2D, 0x0D, 0x0A)),
            (3, Gen.Int[0x80, 0xFF]),
            (3, Gen.Int[0x100, 0xD7FF]),
            (1, Gen.Int[0xE000, 0xFFFF]),
            (2, Gen.Int[0x10000, 0x10FFFF]))
        .Select(char.ConvertFromUtf32)
        .Array[0, 24]
        .Select(string.Concat);

    private static string ReferenceEncode(string name)
    {
        var result = new StringBuilder();
        int i = 0;
        while (i < name.Length)
        {
            if (name[i] is >= ' ' and <= '~')
            {
                result.Append(name[i] == '&' ? "&-" : name[i].ToString());
                i++;
                continue;
            }

            int start = i;
            while (i < name.Length && name[i] is not (>= ' ' and <= '~'))
            {
                i++;
            }

            string base64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(name[start..i]));
            result.Append('&').Append(base64.TrimEnd('=').Replace('/', ',')).Append('-');
        }

        return result.ToString();
    }
}
