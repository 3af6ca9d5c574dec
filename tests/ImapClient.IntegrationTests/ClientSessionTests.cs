namespace Imap.IntegrationTests;

/// <summary>The library's client against the real Dovecot: transport security, login, selection.</summary>
[TestFixture]
public sealed class ClientSessionTests
{
    [Test]
    public async Task Implicit_tls_connects_logs_in_and_reads_capabilities_again()
    {
        await using var client = await ClientFactory.ConnectAsync();

        Assert.That(client.IsEncrypted, Is.True);
        Assert.That(client.Capabilities, Does.Contain("IMAP4rev1"));
        var user = DovecotFixture.Server.PrimaryUser;
        await client.LoginAsync(user.Name, user.Password);

        Assert.That(client.IsAuthenticated, Is.True);
        Assert.That(client.Capabilities, Is.SupersetOf(new[] { "IDLE", "MOVE", "UIDPLUS", "CONDSTORE", "ESEARCH" }));
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Starttls_upgrades_the_plain_port_before_anything_is_sent()
    {
        await using var client = await ClientFactory.ConnectAsync(ImapSecurity.StartTls);

        Assert.That(client.IsEncrypted, Is.True);
        Assert.That(client.Capabilities, Does.Not.Contain("STARTTLS"), "capabilities were read again over TLS");
        var user = DovecotFixture.Target.User;
        await client.AuthenticatePlainAsync(user.Name, user.Password);
        Assert.That(client.IsAuthenticated, Is.True);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public void A_certificate_that_is_not_trusted_is_refused_with_the_reason()
    {
        var server = DovecotFixture.Target;
        var options = new ImapClientOptions { Host = server.Host, Port = server.ImapsPort };

        var error = Assert.ThrowsAsync<ImapCertificateException>(() => ImapClient.ConnectAsync(options));
        Assert.That(error!.PolicyErrors & System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, Is.Not.Zero);
        Assert.That(error.Message, Does.Contain("TrustedCertificate").And.Not.Contain("RemoteCertificateValidationCallback"));
    }

    // Dovecot-only: Cyrus 3.6 and Courier 5.0 refuse a wrong password without the AUTHENTICATIONFAILED code.
    [Test]
    public async Task A_wrong_password_fails_with_the_servers_code_and_the_connection_stays_usable()
    {
        await using var client = await ClientFactory.ConnectAsync();

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.LoginAsync(DovecotFixture.Target.User.Name, "wrong"));

        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(client.IsConnected, Is.True);
        await client.NoopAsync();
    }

    // Dovecot-only: Courier 5.0 sends no UIDNEXT on SELECT, so UidNext is rightly null there.
    [Test]
    public async Task Select_reports_the_mailbox_state()
    {
        await using var client = await ClientFactory.LoginAsync();

        var inbox = await client.SelectAsync("inbox");

        Assert.That(inbox.Name, Is.EqualTo("INBOX"));
        Assert.That(inbox.Count, Is.EqualTo(DovecotFixture.Target.InboxMessages));
        Assert.That(inbox.UidValidity, Is.Not.Null);
        Assert.That(inbox.UidNext, Is.GreaterThan((uint)DovecotFixture.Target.InboxMessages));
        Assert.That(inbox.IsReadOnly, Is.False);
        Assert.That(inbox.PermanentFlags.Contains(MessageFlag.Seen), Is.True);
        Assert.That(inbox.AllowsNewKeywords, Is.True);

        var examined = await client.ExamineAsync("INBOX");
        Assert.That(examined.IsReadOnly, Is.True);
        Assert.That(inbox.IsValid, Is.False);
    }

    [Test]
    public async Task Selecting_a_missing_mailbox_fails_only_that_command()
    {
        await using var client = await ClientFactory.LoginAsync();

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.SelectAsync("NoSuchMailbox"));

        // Dovecot 2.3 sends no response code here, only the text.
        Assert.That(error!.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(error.ResponseText, Does.Contain("doesn't exist"));
        Assert.That(client.Selected, Is.Null);
        await client.NoopAsync();
    }

    [Test]
    public async Task Low_level_command_collects_its_untagged_responses()
    {
        await using var client = await ClientFactory.LoginAsync();

        var result = await client.ExecuteAsync(new ImapCommand("GETQUOTAROOT").Mailbox("INBOX").Collect("QUOTAROOT", "QUOTA"));

        Assert.That(result.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(result.Responses.Select(r => r.Name), Is.EqualTo(new[] { "QUOTAROOT", "QUOTA" }));
        Assert.That(System.Text.Encoding.ASCII.GetString(result.Responses[0].Raw.Span), Does.StartWith("QUOTAROOT INBOX"));
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Logout_ends_the_session()
    {
        await using var client = await ClientFactory.LoginAsync();

        await client.LogoutAsync();

        Assert.That(client.IsConnected, Is.False);
        Assert.That(() => client.NoopAsync(), Throws.InstanceOf<ImapConnectionException>());
    }
}
