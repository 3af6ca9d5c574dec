namespace Imap.IntegrationTests;

/// <summary>The session setup after login against Dovecot: namespaces, ENABLE, ID, with credentials in the options.</summary>
[TestFixture]
public sealed class SessionSetupTests
{
    [Test]
    public async Task Connecting_with_credentials_logs_in_and_reads_namespaces_enables_and_identifies()
    {
        var server = DovecotFixture.Server;
        var user = server.PrimaryUser;
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = server.Host,
            Port = server.ImapsPort,
            TrustedCertificate = server.Certificate,
            Credentials = ImapCredentials.Password(user.Name, user.Password),
            EnableExtensions = ["CONDSTORE", "X-NOT-OFFERED"],
            ClientId = new Dictionary<string, string?> { ["name"] = "ImapClient integration tests", ["version"] = "0.1" },
        });

        Assert.That(client.IsAuthenticated, Is.True);
        await client.WaitForSessionSetupAsync();
        Assert.That(client.EnabledExtensions, Does.Contain("CONDSTORE"));
        Assert.That(client.EnabledExtensions, Does.Not.Contain("X-NOT-OFFERED"));
        Assert.That(client.ServerId!["name"], Is.EqualTo("Dovecot"));
        Assert.That(client.Namespaces!.Personal, Has.Count.EqualTo(1));
        Assert.That(client.Namespaces.Personal[0].Delimiter, Is.EqualTo('/'));
        Assert.That(client.SpecialMailboxes!.Sent!.Name, Is.EqualTo("Sent"));
        Assert.That(client.SpecialMailboxes.Trash!.Name, Is.EqualTo("Trash"));
        Assert.That(client.SpecialMailboxes.Drafts!.Name, Is.EqualTo("Drafts"));

        // The session works as usual afterwards, with CONDSTORE in force.
        var inbox = await client.ExamineAsync("INBOX");
        Assert.That(inbox.HighestModSeq, Is.GreaterThan(0UL));
    }
}
