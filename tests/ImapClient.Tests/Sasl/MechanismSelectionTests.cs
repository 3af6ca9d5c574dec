using System.Collections.Frozen;
using Imap.Sasl;

namespace Imap.Tests.Sasl;

/// <summary>Capabilities, allowed set and TLS in; the mechanism chosen out.</summary>
public sealed class MechanismSelectionTests
{
    private const string Everything = "IMAP4rev1 AUTH=PLAIN AUTH=LOGIN AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-1-PLUS AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-256-PLUS AUTH=XOAUTH2 AUTH=OAUTHBEARER";

    [TestCase(Everything, true, AuthenticationMechanisms.ScramSha256Plus)]
    [TestCase(Everything, false, AuthenticationMechanisms.ScramSha256)]
    [TestCase("AUTH=SCRAM-SHA-1-PLUS AUTH=SCRAM-SHA-256", true, AuthenticationMechanisms.ScramSha256)]
    [TestCase("AUTH=SCRAM-SHA-1-PLUS AUTH=SCRAM-SHA-1 AUTH=PLAIN", true, AuthenticationMechanisms.ScramSha1Plus)]
    [TestCase("AUTH=SCRAM-SHA-1-PLUS AUTH=SCRAM-SHA-1 AUTH=PLAIN", false, AuthenticationMechanisms.ScramSha1)]
    [TestCase("AUTH=SCRAM-SHA-256-PLUS", false, AuthenticationMechanisms.Login)]
    [TestCase("AUTH=PLAIN AUTH=LOGIN", true, AuthenticationMechanisms.Plain)]
    [TestCase("auth=plain", true, AuthenticationMechanisms.Plain)]
    [TestCase("IMAP4rev1", true, AuthenticationMechanisms.Login)]
    [TestCase("AUTH=LOGIN", true, AuthenticationMechanisms.Login)]
    [TestCase("AUTH=LOGIN LOGINDISABLED", true, AuthenticationMechanisms.SaslLogin)]
    [TestCase("LOGINDISABLED", true, AuthenticationMechanisms.None)]
    [TestCase("AUTH=XOAUTH2 AUTH=OAUTHBEARER LOGINDISABLED", true, AuthenticationMechanisms.None)]
    public void A_password_gets_the_strongest_offered(string capabilities, bool tls, AuthenticationMechanisms expected)
    {
        Assert.That(MechanismSelection.Choose(accessToken: false, Set(capabilities), AuthenticationMechanisms.All, tls), Is.EqualTo(expected));
    }

    [TestCase(Everything, AuthenticationMechanisms.OAuthBearer)]
    [TestCase("AUTH=XOAUTH2 AUTH=PLAIN", AuthenticationMechanisms.XOAuth2)]
    [TestCase("AUTH=PLAIN AUTH=SCRAM-SHA-256", AuthenticationMechanisms.None)]
    public void A_token_gets_oauthbearer_then_xoauth2_and_never_a_password_mechanism(string capabilities, AuthenticationMechanisms expected)
    {
        Assert.That(MechanismSelection.Choose(accessToken: true, Set(capabilities), AuthenticationMechanisms.All, channelBinding: true), Is.EqualTo(expected));
    }

    [TestCase(AuthenticationMechanisms.Scram, "AUTH=PLAIN AUTH=LOGIN", AuthenticationMechanisms.None)]
    [TestCase(AuthenticationMechanisms.Scram, "AUTH=PLAIN AUTH=SCRAM-SHA-1", AuthenticationMechanisms.ScramSha1)]
    [TestCase(AuthenticationMechanisms.ScramSha256Plus | AuthenticationMechanisms.ScramSha1Plus, "AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-1-PLUS", AuthenticationMechanisms.ScramSha1Plus)]
    [TestCase(AuthenticationMechanisms.All & ~AuthenticationMechanisms.Login, "IMAP4rev1 AUTH=LOGIN", AuthenticationMechanisms.SaslLogin)]
    [TestCase(AuthenticationMechanisms.Plain, Everything, AuthenticationMechanisms.Plain)]
    [TestCase(AuthenticationMechanisms.None, Everything, AuthenticationMechanisms.None)]
    public void Only_allowed_mechanisms_are_chosen(AuthenticationMechanisms allowed, string capabilities, AuthenticationMechanisms expected)
    {
        Assert.That(MechanismSelection.Choose(accessToken: false, Set(capabilities), allowed, channelBinding: true), Is.EqualTo(expected));
    }

    [TestCase("AUTH=SCRAM-SHA-256", true, "y")]
    [TestCase("AUTH=SCRAM-SHA-256", false, "n")]
    [TestCase("AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-1-PLUS", true, "n")]
    [TestCase("AUTH=SCRAM-SHA-256 AUTH=scram-sha-256-plus", true, "n")]
    public void Scram_without_binding_says_y_only_when_it_could_bind_and_the_server_offers_no_plus(string capabilities, bool tls, string flag)
    {
        Assert.That(MechanismSelection.UnboundFlag(Set(capabilities), tls ? [1, 2, 3] : null).Flag, Is.EqualTo(flag));
    }

    [Test]
    public void Created_mechanisms_carry_the_registered_names()
    {
        var password = ImapCredentials.Password("alice", "secret");
        var token = ImapCredentials.OAuth2("alice", "token");
        var caps = Set(Everything);
        byte[] binding = [1, 2, 3];

        string Name(AuthenticationMechanisms m, ImapCredentials c) =>
            MechanismSelection.Create(m, c, caps, binding, "imap.example.com", 993, ImapLimits.Default).Name;

        Assert.That(Name(AuthenticationMechanisms.ScramSha256Plus, password), Is.EqualTo("SCRAM-SHA-256-PLUS"));
        Assert.That(Name(AuthenticationMechanisms.ScramSha1Plus, password), Is.EqualTo("SCRAM-SHA-1-PLUS"));
        Assert.That(Name(AuthenticationMechanisms.ScramSha256, password), Is.EqualTo("SCRAM-SHA-256"));
        Assert.That(Name(AuthenticationMechanisms.ScramSha1, password), Is.EqualTo("SCRAM-SHA-1"));
        Assert.That(Name(AuthenticationMechanisms.Plain, password), Is.EqualTo("PLAIN"));
        Assert.That(Name(AuthenticationMechanisms.SaslLogin, password), Is.EqualTo("LOGIN"));
        Assert.That(Name(AuthenticationMechanisms.OAuthBearer, token), Is.EqualTo("OAUTHBEARER"));
        Assert.That(Name(AuthenticationMechanisms.XOAuth2, token), Is.EqualTo("XOAUTH2"));
    }

    private static FrozenSet<string> Set(string capabilities) =>
        capabilities.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
