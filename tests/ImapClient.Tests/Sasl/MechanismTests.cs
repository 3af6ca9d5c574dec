using System.Text;
using Imap.Sasl;

namespace Imap.Tests.Sasl;

/// <summary>PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER as state machines, without a server.</summary>
public sealed class MechanismTests
{
    [Test]
    public void Plain_sends_empty_authzid_user_and_password_separated_by_nul()
    {
        var plain = new PlainMechanism("alice", "s\u00e9cret");

        Assert.That(plain.IsClientFirst, Is.True);
        Assert.That(plain.GetInitialResponse(), Is.EqualTo(new byte[] { 0, (byte)'a', (byte)'l', (byte)'i', (byte)'c', (byte)'e', 0, (byte)'s', 0xC3, 0xA9, (byte)'c', (byte)'r', (byte)'e', (byte)'t' }));
        Assert.Throws<ImapProtocolException>(() => plain.Respond([]));
    }

    [TestCase("al\0ice", "secret")]
    [TestCase("alice", "sec\0ret")]
    [TestCase("", "secret")]
    [TestCase("alice", "")]
    public void Plain_refuses_nul_and_empty_values(string user, string password)
    {
        Assert.Throws<ArgumentException>(() => new PlainMechanism(user, password));
    }

    [Test]
    public void Login_answers_the_two_prompts_in_order_whatever_they_say()
    {
        var login = new LoginMechanism("alice", "secret");

        Assert.That(login.IsClientFirst, Is.False);
        Assert.That(login.Respond("User Name\0"u8), Is.EqualTo("alice"u8.ToArray()));
        Assert.Throws<ImapProtocolException>(login.CheckSuccess, "OK before the password was asked for");
        Assert.That(login.Respond("Password:"u8), Is.EqualTo("secret"u8.ToArray()));
        Assert.DoesNotThrow(login.CheckSuccess);
        Assert.Throws<ImapProtocolException>(() => login.Respond("Again:"u8));
    }

    [Test]
    public void Xoauth2_sends_user_and_bearer_token_separated_by_ctrl_a()
    {
        var xoauth2 = new XOAuth2Mechanism("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg");

        // Bytes spelled out: "\x01a" in a C# string is U+001A, a slip that once made both code and test wrong alike.
        Assert.That(xoauth2.GetInitialResponse(),
            Is.EqualTo((byte[])[.. "user=someuser@example.com"u8, 0x01, .. "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"u8, 0x01, 0x01]));
        Assert.DoesNotThrow(xoauth2.CheckSuccess);
    }

    [Test]
    public void Xoauth2_answers_the_error_challenge_with_an_empty_response_once()
    {
        var xoauth2 = new XOAuth2Mechanism("someuser@example.com", "token");
        xoauth2.GetInitialResponse();

        Assert.That(xoauth2.Respond("{\"status\":\"400\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}"u8), Is.Empty);
        Assert.That(xoauth2.Error, Does.Contain("\"status\":\"400\""));
        Assert.Throws<ImapProtocolException>(() => xoauth2.Respond("{}"u8), "a second challenge");
        Assert.Throws<ImapProtocolException>(xoauth2.CheckSuccess, "OK after an error");
    }

    [Test]
    public void Oauthbearer_sends_the_rfc7628_message_with_host_and_port()
    {
        var bearer = new OAuthBearerMechanism("user@example.com", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==", "server.example.com", 143);

        // RFC 7628 §4.1 example.
        Assert.That(bearer.GetInitialResponse(), Is.EqualTo((byte[])
        [
            .. "n,a=user@example.com,"u8, 0x01, .. "host=server.example.com"u8, 0x01, .. "port=143"u8, 0x01,
            .. "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="u8, 0x01, 0x01,
        ]));
    }

    [Test]
    public void Oauthbearer_escapes_the_user_as_saslname()
    {
        var bearer = new OAuthBearerMechanism("a,b=c", "t", "h", 993);

        Assert.That(Encoding.UTF8.GetString(bearer.GetInitialResponse()), Does.StartWith("n,a=a=2Cb=3Dc,\u0001"));
    }

    [Test]
    public void Oauthbearer_answers_the_error_challenge_with_ctrl_a_once()
    {
        var bearer = new OAuthBearerMechanism("user@example.com", "token", "server.example.com", 993);
        bearer.GetInitialResponse();

        Assert.That(bearer.Respond("{\"status\":\"invalid_token\"}"u8), Is.EqualTo(new byte[] { 0x01 }));
        Assert.That(bearer.Error, Is.EqualTo("{\"status\":\"invalid_token\"}"));
        Assert.Throws<ImapProtocolException>(() => bearer.Respond("{}"u8));
        Assert.Throws<ImapProtocolException>(bearer.CheckSuccess);
    }

    [TestCase("tok en")]
    [TestCase("tok\u0001en")]
    [TestCase("tok\r\nen")]
    [TestCase("=abc")]
    [TestCase("ab=c")]
    [TestCase("===")]
    [TestCase("")]
    [TestCase("tök")]
    public void Access_tokens_outside_b64token_are_refused(string token)
    {
        Assert.Throws<ArgumentException>(() => ImapCredentials.OAuth2("user@example.com", token));
        Assert.Throws<ArgumentException>(() => new XOAuth2Mechanism("user@example.com", token));
        Assert.Throws<ArgumentException>(() => new OAuthBearerMechanism("user@example.com", token, "h", 1));
    }

    [TestCase("user\u0001@example.com")]
    [TestCase("user\r\n@example.com")]
    [TestCase("")]
    public void Oauth_users_with_control_characters_are_refused(string user)
    {
        Assert.Throws<ArgumentException>(() => ImapCredentials.OAuth2(user, "token"));
    }

    [Test]
    public void Credentials_never_show_their_secret()
    {
        var password = ImapCredentials.Password("alice", "hunter2");
        var token = ImapCredentials.OAuth2("alice@example.com", "ya29.secret-token");

        Assert.That(password.ToString(), Is.EqualTo("alice (password)"));
        Assert.That(token.ToString(), Is.EqualTo("alice@example.com (access token)"));
        Assert.That(password.IsAccessToken, Is.False);
        Assert.That(token.IsAccessToken, Is.True);
    }

    [TestCase("al\0ice", "secret")]
    [TestCase("alice", "sec\0ret")]
    [TestCase("", "secret")]
    [TestCase("alice", "")]
    public void Password_credentials_refuse_nul_and_empty_values(string user, string password)
    {
        Assert.Throws<ArgumentException>(() => ImapCredentials.Password(user, password));
    }
}
