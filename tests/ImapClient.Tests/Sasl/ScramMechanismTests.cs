using System.Security.Cryptography;
using System.Text;
using Imap.Sasl;

namespace Imap.Tests.Sasl;

/// <summary>SCRAM (RFC 5802, RFC 7677) against the RFC example exchanges, and against hostile server messages.</summary>
public sealed class ScramMechanismTests
{
    // RFC 5802 §5: user "user", password "pencil".
    private const string Sha1Nonce = "fyko+d2lbbFgONRv9qkxdawL";
    private const string Sha1ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private const string Sha1ClientFinal = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private const string Sha1ServerFinal = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    // RFC 7677 §3: user "user", password "pencil".
    private const string Sha256Nonce = "rOprNGfwEbeRWgbNEkqO";
    private const string Sha256ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string Sha256ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string Sha256ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    [Test]
    public void Scram_sha1_reproduces_the_rfc5802_example_exchange()
    {
        var scram = Sha1();

        Assert.That(Text(scram.GetInitialResponse()), Is.EqualTo("n,,n=user,r=" + Sha1Nonce));
        Assert.That(Text(scram.Respond(Bytes(Sha1ServerFirst))), Is.EqualTo(Sha1ClientFinal));
        Assert.That(scram.Respond(Bytes(Sha1ServerFinal)), Is.Empty);
        Assert.DoesNotThrow(scram.CheckSuccess);
        Assert.That(scram.Name, Is.EqualTo("SCRAM-SHA-1"));
    }

    [Test]
    public void Scram_sha256_reproduces_the_rfc7677_example_exchange()
    {
        var scram = Sha256();

        Assert.That(Text(scram.GetInitialResponse()), Is.EqualTo("n,,n=user,r=" + Sha256Nonce));
        Assert.That(Text(scram.Respond(Bytes(Sha256ServerFirst))), Is.EqualTo(Sha256ClientFinal));
        Assert.That(scram.Respond(Bytes(Sha256ServerFinal)), Is.Empty);
        Assert.DoesNotThrow(scram.CheckSuccess);
        Assert.That(scram.Name, Is.EqualTo("SCRAM-SHA-256"));
    }

    [Test]
    public void A_wrong_server_signature_fails_and_ok_is_then_not_trusted()
    {
        var scram = Sha256();
        scram.GetInitialResponse();
        scram.Respond(Bytes(Sha256ServerFirst));

        // The RFC's signature with its first base64 digit changed.
        var error = Assert.Throws<ImapProtocolException>(() => scram.Respond(Bytes("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        Assert.That(error!.Message, Does.Contain("does not verify"));
        Assert.Throws<ImapProtocolException>(scram.CheckSuccess);
    }

    [Test]
    public void Ok_without_any_server_final_message_is_not_trusted()
    {
        var scram = Sha256();
        scram.GetInitialResponse();
        scram.Respond(Bytes(Sha256ServerFirst));

        var error = Assert.Throws<ImapProtocolException>(scram.CheckSuccess);
        Assert.That(error!.Message, Does.Contain("without proving"));
    }

    [Test]
    public void A_server_error_is_answered_empty_and_ok_after_it_is_not_trusted()
    {
        var scram = Sha256();
        scram.GetInitialResponse();
        scram.Respond(Bytes(Sha256ServerFirst));

        Assert.That(scram.Respond(Bytes("e=invalid-proof")), Is.Empty);
        Assert.That(scram.ServerError, Is.EqualTo("invalid-proof"));
        var error = Assert.Throws<ImapProtocolException>(scram.CheckSuccess);
        Assert.That(error!.Message, Does.Contain("invalid-proof"));
    }

    [Test]
    public void A_challenge_after_the_server_final_message_is_refused()
    {
        var scram = Sha1();
        scram.GetInitialResponse();
        scram.Respond(Bytes(Sha1ServerFirst));
        scram.Respond(Bytes(Sha1ServerFinal));

        Assert.Throws<ImapProtocolException>(() => scram.Respond(Bytes(Sha1ServerFinal)));
    }

    [TestCase("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend", TestName = "Server nonce equal to the client nonce is refused")]
    [TestCase("r=XOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend", TestName = "Server nonce not starting with the client nonce is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqOab\u00e9,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend", TestName = "Server nonce with a non-printable char is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", "not a positive number", TestName = "Iteration count 0 is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=04096", "not a positive number", TestName = "Iteration count with a leading zero is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-1", "not a positive number", TestName = "Negative iteration count is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096x", "not a positive number", TestName = "Iteration count with trailing junk is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=65537", "MaxScramIterations", TestName = "Iteration count just over the limit is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4294967296", "MaxScramIterations", TestName = "Iteration count beyond 32 bits is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999999999999999", "MaxScramIterations", TestName = "Iteration count of 23 digits is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==", "r=, s= and i=", TestName = "Missing iteration count is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,i=4096", "r=, s= and i=", TestName = "Missing salt is refused")]
    [TestCase("s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "r=, s= and i=", TestName = "Missing nonce is refused")]
    [TestCase("s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,i=4096", "r=, s= and i=", TestName = "Attributes out of order are refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ=,i=4096", "not base64", TestName = "Salt that is not base64 is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=,i=4096", "malformed attribute", TestName = "Empty salt is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "malformed attribute", TestName = "Empty attribute is refused")]
    [TestCase("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,1=x", "malformed attribute", TestName = "Extension not named by a letter is refused")]
    [TestCase("m=must-know,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2R,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "m=", TestName = "Mandatory extension is refused")]
    [TestCase("e=unknown-user", "unknown-user", TestName = "Error instead of server first message is refused with its text")]
    [TestCase("", "empty", TestName = "Empty server first message is refused")]
    public void A_malformed_server_first_message_is_refused(string serverFirst, string reason)
    {
        var scram = Sha256();
        scram.GetInitialResponse();

        var error = Assert.Throws<ImapProtocolException>(() => scram.Respond(Bytes(serverFirst)));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void Unknown_extensions_after_the_iteration_count_are_ignored()
    {
        var scram = Sha256();
        scram.GetInitialResponse();

        // The extension is part of the AuthMessage, so the proof differs from the RFC's; it must still be a proof.
        string final = Text(scram.Respond(Bytes(Sha256ServerFirst + ",x=future")));
        Assert.That(final, Does.StartWith("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p="));
        Assert.That(final, Is.Not.EqualTo(Sha256ClientFinal));
    }

    [Test]
    public void A_server_first_message_that_is_not_utf8_is_refused()
    {
        var scram = Sha256();
        scram.GetInitialResponse();
        byte[] message = [.. Bytes(Sha256ServerFirst), (byte)',', (byte)'x', (byte)'=', 0xC3];

        Assert.Throws<ImapProtocolException>(() => scram.Respond(message));
    }

    [Test]
    public void The_iteration_limit_is_the_callers_to_raise()
    {
        var scram = new ScramMechanism(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.NotSupported, maxIterations: 4095, Sha256Nonce);
        scram.GetInitialResponse();

        var error = Assert.Throws<ImapProtocolException>(() => scram.Respond(Bytes(Sha256ServerFirst)));
        Assert.That(error!.Message, Does.Contain("4095"));
    }

    [TestCase("x=1", TestName = "Server final message without verifier is refused")]
    [TestCase("v=not base64", TestName = "Server final message with a verifier that is not base64 is refused")]
    [TestCase("v=", TestName = "Server final message with an empty verifier is refused")]
    [TestCase("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4", TestName = "Server final message with an unpadded verifier is refused")]
    [TestCase("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl9", TestName = "Server final message with a truncated verifier is refused")]
    public void A_malformed_server_final_message_is_refused(string serverFinal)
    {
        var scram = Sha256();
        scram.GetInitialResponse();
        scram.Respond(Bytes(Sha256ServerFirst));

        Assert.Throws<ImapProtocolException>(() => scram.Respond(Bytes(serverFinal)));
        Assert.Throws<ImapProtocolException>(scram.CheckSuccess);
    }

    [Test]
    public void The_client_nonce_comes_from_a_csprng_and_differs_every_time()
    {
        var first = Text(new ScramMechanism(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.NotSupported, 65536).GetInitialResponse());
        var second = Text(new ScramMechanism(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.NotSupported, 65536).GetInitialResponse());

        Assert.That(first, Does.Match("^n,,n=user,r=[A-Za-z0-9+/]{32}$"));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void User_names_with_comma_and_equals_are_escaped_as_saslname()
    {
        var scram = new ScramMechanism(ScramHash.Sha1, "a,b=c", "pencil", ScramChannelBinding.NotSupported, 65536, Sha1Nonce);

        Assert.That(Text(scram.GetInitialResponse()), Is.EqualTo("n,,n=a=2Cb=3Dc,r=" + Sha1Nonce));
    }

    [Test]
    public void A_client_that_could_bind_says_y_and_puts_it_in_the_channel_binding_attribute()
    {
        var scram = new ScramMechanism(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.NotOfferedByServer, 65536, Sha256Nonce);

        Assert.That(Text(scram.GetInitialResponse()), Is.EqualTo("y,,n=user,r=" + Sha256Nonce));
        string final = Text(scram.Respond(Bytes(Sha256ServerFirst)));
        Assert.That(final, Does.StartWith("c=" + Convert.ToBase64String("y,,"u8.ToArray()) + ",r="));
        Assert.That(scram.Name, Is.EqualTo("SCRAM-SHA-256"));
    }

    [Test]
    public void Plus_binds_the_certificate_hash_and_its_proof_is_the_rfc_formula_over_it()
    {
        byte[] binding = SHA256.HashData("a certificate"u8);
        var scram = new ScramMechanism(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.TlsServerEndPoint(binding), 65536, Sha256Nonce);

        Assert.That(scram.Name, Is.EqualTo("SCRAM-SHA-256-PLUS"));
        Assert.That(Text(scram.GetInitialResponse()), Is.EqualTo("p=tls-server-end-point,,n=user,r=" + Sha256Nonce));
        string final = Text(scram.Respond(Bytes(Sha256ServerFirst)));

        var expected = ScramReference.ClientFinal(HashAlgorithmName.SHA256, "user", "pencil", "p=tls-server-end-point,,", binding, Sha256Nonce, Sha256ServerFirst);
        Assert.That(final, Is.EqualTo(expected.ClientFinal));
        Assert.That(scram.Respond(Bytes("v=" + expected.ServerSignature)), Is.Empty);
        Assert.DoesNotThrow(scram.CheckSuccess);
    }

    [Test]
    public void The_password_is_prepared_with_saslprep_before_hashing()
    {
        // "pen\u00A0cil" has a no-break space, which SASLprep maps to a space; a soft hyphen is removed.
        var prepared = new ScramMechanism(ScramHash.Sha256, "user", "pen cil", ScramChannelBinding.NotSupported, 65536, Sha256Nonce);
        var raw = new ScramMechanism(ScramHash.Sha256, "user", "pen\u00A0c\u00ADil", ScramChannelBinding.NotSupported, 65536, Sha256Nonce);
        prepared.GetInitialResponse();
        raw.GetInitialResponse();

        Assert.That(Text(raw.Respond(Bytes(Sha256ServerFirst))), Is.EqualTo(Text(prepared.Respond(Bytes(Sha256ServerFirst)))));
    }

    [Test]
    public void A_password_with_a_prohibited_character_is_refused_when_the_mechanism_is_made()
    {
        Assert.Throws<ArgumentException>(() => new ScramMechanism(ScramHash.Sha256, "user", "pen\u0007cil", ScramChannelBinding.NotSupported, 65536));
    }

    private static ScramMechanism Sha1() =>
        new(ScramHash.Sha1, "user", "pencil", ScramChannelBinding.NotSupported, 65536, Sha1Nonce);

    private static ScramMechanism Sha256() =>
        new(ScramHash.Sha256, "user", "pencil", ScramChannelBinding.NotSupported, 65536, Sha256Nonce);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
