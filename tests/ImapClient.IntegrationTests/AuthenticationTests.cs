namespace Imap.IntegrationTests;

/// <summary>
/// Every mechanism against the real Dovecot 2.3 (auth_mechanisms in scripts/dovecot/dovecot.sh; the passdb stores
/// plain-text passwords, so it can do SCRAM, and its OAuth mechanisms check the token against the same passdb).
/// Dovecot 2.3 has no -PLUS mechanisms; those are covered by the scripted-server tests.
/// </summary>
[TestFixture]
public sealed class AuthenticationTests
{
    private static TestServer.TestUser User => DovecotFixture.Server.PrimaryUser;

    [TestCase(AuthenticationMechanisms.ScramSha256)]
    [TestCase(AuthenticationMechanisms.ScramSha1)]
    [TestCase(AuthenticationMechanisms.Plain)]
    [TestCase(AuthenticationMechanisms.Login)]
    [TestCase(AuthenticationMechanisms.SaslLogin)]
    public async Task A_password_logs_in_with_each_mechanism(AuthenticationMechanisms mechanism)
    {
        await using var client = await ConnectAsync(mechanism);

        var used = await client.AuthenticateAsync(ImapCredentials.Password(User.Name, User.Password));

        Assert.That(used, Is.EqualTo(mechanism));
        Assert.That(client.IsAuthenticated, Is.True);
        var inbox = await client.SelectAsync("INBOX");
        Assert.That(inbox.Count, Is.EqualTo(DovecotFixture.InboxMessages), "the session belongs to the right user");
    }

    [Test]
    public async Task By_default_the_strongest_offered_mechanism_is_chosen()
    {
        await using var client = await ConnectAsync(AuthenticationMechanisms.All);

        Assert.That(client.Capabilities, Does.Contain("AUTH=SCRAM-SHA-256"));
        Assert.That(client.Capabilities, Does.Not.Contain("AUTH=SCRAM-SHA-256-PLUS"), "Dovecot 2.3 has no channel binding");
        Assert.That(await client.AuthenticateAsync(ImapCredentials.Password(User.Name, User.Password)), Is.EqualTo(AuthenticationMechanisms.ScramSha256));
    }

    [Test]
    public async Task Scram_over_plaintext_with_the_named_opt_in_works_without_channel_binding()
    {
        await using var client = await ConnectAsync(AuthenticationMechanisms.ScramSha256, ImapSecurity.InsecurePlaintext);

        Assert.That(client.IsEncrypted, Is.False);
        Assert.That(await client.AuthenticateAsync(ImapCredentials.Password(User.Name, User.Password)), Is.EqualTo(AuthenticationMechanisms.ScramSha256));
    }

    [TestCase(AuthenticationMechanisms.ScramSha256)]
    [TestCase(AuthenticationMechanisms.ScramSha1)]
    [TestCase(AuthenticationMechanisms.Plain)]
    [TestCase(AuthenticationMechanisms.Login)]
    [TestCase(AuthenticationMechanisms.SaslLogin)]
    public async Task A_wrong_password_fails_typed_with_authenticationfailed_and_the_connection_stays(AuthenticationMechanisms mechanism)
    {
        await using var client = await ConnectAsync(mechanism);

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.AuthenticateAsync(ImapCredentials.Password(User.Name, "wrong-secret")));

        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(error.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(client.IsAuthenticated, Is.False);
        Assert.That(client.IsConnected, Is.True);
        await client.NoopAsync();
    }

    [TestCase(AuthenticationMechanisms.OAuthBearer)]
    [TestCase(AuthenticationMechanisms.XOAuth2)]
    public async Task A_token_logs_in_with_each_oauth_mechanism(AuthenticationMechanisms mechanism)
    {
        await using var client = await ConnectAsync(mechanism);

        // Dovecot 2.3 without an oauth2 passdb checks the token like a password.
        var used = await client.AuthenticateAsync(ImapCredentials.OAuth2(User.Name, User.Password));

        Assert.That(used, Is.EqualTo(mechanism));
        Assert.That(client.IsAuthenticated, Is.True);
    }

    [TestCase(AuthenticationMechanisms.OAuthBearer)]
    [TestCase(AuthenticationMechanisms.XOAuth2)]
    public async Task A_refused_token_fails_typed_after_the_error_challenge(AuthenticationMechanisms mechanism)
    {
        await using var client = await ConnectAsync(mechanism);

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.AuthenticateAsync(ImapCredentials.OAuth2(User.Name, "expired-token")));

        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(client.IsConnected, Is.True);
        await client.NoopAsync();
    }

    [Test]
    public async Task Connect_with_credentials_returns_an_authenticated_client()
    {
        var server = DovecotFixture.Server;
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = server.Host,
            Port = server.ImapPort,
            Security = ImapSecurity.StartTls,
            TrustedCertificate = server.Certificate,
            Credentials = ImapCredentials.Password(User.Name, User.Password),
        });

        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(client.Capabilities, Does.Not.Contain("AUTH=PLAIN"), "capabilities were read again after login");
    }

    private static Task<ImapClient> ConnectAsync(AuthenticationMechanisms allowed, ImapSecurity security = ImapSecurity.ImplicitTls)
    {
        var server = DovecotFixture.Server;
        return ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = server.Host,
            Port = security == ImapSecurity.ImplicitTls ? server.ImapsPort : server.ImapPort,
            Security = security,
            TrustedCertificate = server.Certificate,
            AllowedMechanisms = allowed,
            CommandTimeout = TimeSpan.FromMinutes(1),
        });
    }
}
