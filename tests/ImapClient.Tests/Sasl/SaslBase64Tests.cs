using Imap.Sasl;

namespace Imap.Tests.Sasl;

/// <summary>Strict base64 for server challenges, with the size limit checked before decoding.</summary>
public sealed class SaslBase64Tests
{
    [TestCase("", new byte[0])]
    [TestCase("YQ==", new byte[] { 0x61 })]
    [TestCase("YWI=", new byte[] { 0x61, 0x62 })]
    [TestCase("YWJj", new byte[] { 0x61, 0x62, 0x63 })]
    [TestCase("+/+/", new byte[] { 0xFB, 0xFF, 0xBF })]
    public void Decodes_padded_base64(string text, byte[] expected)
    {
        Assert.That(SaslBase64.DecodeChallenge(text, 100), Is.EqualTo(expected));
    }

    [TestCase("YQ", TestName = "Unpadded base64 is refused")]
    [TestCase("Y Q==", TestName = "Base64 with a space is refused")]
    [TestCase("YWJj\r\n", TestName = "Base64 with a line break is refused")]
    [TestCase("YQ=a", TestName = "Padding in the middle is refused")]
    [TestCase("Y===", TestName = "Three padding characters are refused")]
    [TestCase("YW-j", TestName = "Base64url alphabet is refused")]
    [TestCase("Ready for additional command text", TestName = "Plain text is refused")]
    [TestCase("=", TestName = "A lone equals sign is refused")]
    public void Refuses_what_is_not_base64(string text)
    {
        Assert.Throws<ImapProtocolException>(() => SaslBase64.DecodeChallenge(text, 100));
    }

    [Test]
    public void Refuses_a_challenge_over_the_limit_and_accepts_one_at_it()
    {
        string at = Convert.ToBase64String(new byte[10]);
        string over = Convert.ToBase64String(new byte[11]);

        Assert.That(SaslBase64.DecodeChallenge(at, 10), Has.Length.EqualTo(10));
        var error = Assert.Throws<ImapProtocolException>(() => SaslBase64.DecodeChallenge(over, 10));
        Assert.That(error!.Message, Does.Contain("MaxSaslChallengeSize"));
    }

    [Test]
    public void Refuses_a_huge_challenge_on_its_length_alone()
    {
        // Not valid base64 at all: the length check must come first, or the error would say "not base64".
        var error = Assert.Throws<ImapProtocolException>(() => SaslBase64.DecodeChallenge(new string('!', 1_000_000), 64 * 1024));
        Assert.That(error!.Message, Does.Contain("MaxSaslChallengeSize"));
    }
}
