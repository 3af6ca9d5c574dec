namespace Imap.IntegrationTests;

/// <summary>
/// The private Dovecot answers over IMAPS and over plain IMAP with STARTTLS, advertises what the rest of the test
/// suite relies on, and holds the generated mail.
/// </summary>
[TestFixture]
public sealed class DovecotSmokeTests
{
    private static readonly string[] ExpectedAfterLogin =
    [
        "IMAP4rev1", "IDLE", "CONDSTORE", "QRESYNC", "MOVE", "UIDPLUS", "ESEARCH", "SORT", "THREAD=REFERENCES",
        "LITERAL+", "COMPRESS=DEFLATE", "NAMESPACE", "SPECIAL-USE", "QUOTA", "METADATA", "ENABLE", "UNSELECT",
    ];

    [Test]
    public async Task Imaps_greets_and_advertises_the_extensions_after_login()
    {
        var server = DovecotFixture.Server;
        await using var connection = await RawImapConnection.ConnectAsync(server.Host, server.ImapsPort, server.Certificate);

        Assert.That(connection.IsEncrypted, Is.True);
        Assert.That(await connection.ReadLineAsync(), Does.StartWith("* OK "));

        var login = await connection.CommandAsync($"LOGIN {server.PrimaryUser.Name} {server.PrimaryUser.Password}");
        Assert.That(login[^1], Does.StartWith("t1 OK"));

        var capabilities = Capabilities(await connection.CommandAsync("CAPABILITY"));
        Assert.That(capabilities, Is.SupersetOf(ExpectedAfterLogin));
    }

    [Test]
    public async Task Plain_port_offers_starttls_and_hides_login_until_tls()
    {
        var server = DovecotFixture.Server;
        await using var connection = await RawImapConnection.ConnectAsync(server.Host, server.ImapPort, trust: null);

        Assert.That(await connection.ReadLineAsync(), Does.StartWith("* OK "));
        var before = Capabilities(await connection.CommandAsync("CAPABILITY"));
        Assert.That(before, Does.Contain("STARTTLS"));

        var starttls = await connection.CommandAsync("STARTTLS");
        Assert.That(starttls[^1], Does.StartWith("t2 OK"));
        await connection.StartTlsAsync(server.Host, server.Certificate);
        Assert.That(connection.IsEncrypted, Is.True);

        var after = Capabilities(await connection.CommandAsync("CAPABILITY"));
        Assert.That(after, Does.Not.Contain("STARTTLS"));
        Assert.That(after, Does.Contain("IMAP4rev1"));

        var login = await connection.CommandAsync($"LOGIN {server.PrimaryUser.Name} {server.PrimaryUser.Password}");
        Assert.That(login[^1], Does.StartWith("t4 OK"));
    }

    [Test]
    public async Task Inbox_holds_the_generated_messages()
    {
        var server = DovecotFixture.Server;
        await using var connection = await RawImapConnection.ConnectAsync(server.Host, server.ImapsPort, server.Certificate);
        await connection.ReadLineAsync();
        await connection.CommandAsync($"LOGIN {server.PrimaryUser.Name} {server.PrimaryUser.Password}");

        var select = await connection.CommandAsync("EXAMINE INBOX");

        Assert.That(select, Does.Contain($"* {DovecotFixture.InboxMessages} EXISTS"));
        Assert.That(select[^1], Does.StartWith("t2 OK"));
    }

    [Test]
    public async Task Wrong_password_is_refused()
    {
        var server = DovecotFixture.Server;
        await using var connection = await RawImapConnection.ConnectAsync(server.Host, server.ImapsPort, server.Certificate);
        await connection.ReadLineAsync();

        var login = await connection.CommandAsync($"LOGIN {server.PrimaryUser.Name} not-the-password");

        Assert.That(login[^1], Does.StartWith("t1 NO"));
    }

    private static HashSet<string> Capabilities(IReadOnlyList<string> lines)
    {
        var capabilityLine = lines.Single(l => l.StartsWith("* CAPABILITY ", StringComparison.Ordinal));
        return [.. capabilityLine["* CAPABILITY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}
