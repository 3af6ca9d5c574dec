using Imap.Tests.Support;
using static Imap.Tests.Sasl.SaslSession;

namespace Imap.Tests.Sasl;

/// <summary>
/// A plaintext connection is not permission to reveal a password (issue 12): without
/// <see cref="ImapClientOptions.AllowCleartextPasswords"/>, only SCRAM is used over it, and anything else fails before a
/// byte is sent. Each test ends with a NOOP round trip and checks every byte the server received.
/// </summary>
public sealed class CleartextPasswordTests
{
    private static readonly ImapCredentials Alice = ImapCredentials.Password("alice", "secret");

    [Test]
    public async Task Authenticate_over_plaintext_refuses_plain_and_login_and_sends_nothing()
    {
        await using var s = await ConnectPlaintextAsync("IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN");

        var error = Assert.ThrowsAsync<ImapAuthenticationException>(() => s.Client.AuthenticateAsync(Alice));

        Assert.That(error!.Message, Does.Contain("AUTHENTICATE PLAIN").And.Contain("AllowCleartextPasswords"));
        Assert.That(s.Client.IsAuthenticated, Is.False);
        await ExpectOnlyNoopAsync(s);
    }

    [Test]
    public async Task Authenticate_over_plaintext_refuses_the_login_command_when_it_is_all_there_is()
    {
        await using var s = await ConnectPlaintextAsync("IMAP4rev1");

        var error = Assert.ThrowsAsync<ImapAuthenticationException>(() => s.Client.AuthenticateAsync(Alice));

        Assert.That(error!.Message, Does.StartWith("Refusing to log in with LOGIN:"));
        await ExpectOnlyNoopAsync(s);
    }

    [Test]
    public async Task Login_over_plaintext_is_refused_before_anything_is_sent()
    {
        await using var s = await ConnectPlaintextAsync("IMAP4rev1 AUTH=PLAIN");

        Assert.That(() => s.Client.LoginAsync("alice", "secret"), Throws.TypeOf<ImapAuthenticationException>());
        Assert.That(() => s.Client.AuthenticatePlainAsync("alice", "secret"), Throws.TypeOf<ImapAuthenticationException>());

        await ExpectOnlyNoopAsync(s);
    }

    [Test]
    public async Task An_access_token_over_plaintext_is_refused_like_a_password()
    {
        await using var s = await ConnectPlaintextAsync("IMAP4rev1 SASL-IR AUTH=OAUTHBEARER AUTH=XOAUTH2");

        var error = Assert.ThrowsAsync<ImapAuthenticationException>(() => s.Client.AuthenticateAsync(ImapCredentials.OAuth2("alice", "token123")));

        Assert.That(error!.Message, Does.Contain("AUTHENTICATE OAUTHBEARER"));
        await ExpectOnlyNoopAsync(s);
    }

    [Test]
    public async Task Connect_with_credentials_over_plaintext_fails_typed_and_sends_no_password()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");

        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions
        {
            Host = "x",
            Security = ImapSecurity.InsecurePlaintext,
            Credentials = Alice,
        });

        Assert.That(() => connecting.WaitAsync(Wait), Throws.TypeOf<ImapAuthenticationException>());
        // Ends on a known event, the close: nothing can come after it.
        Assert.That(() => server.ReadLineAsync(), Throws.TypeOf<EndOfStreamException>());
        Assert.That(server.Received, Is.Empty);
    }

    [Test]
    public async Task Scram_is_still_chosen_over_plaintext_without_the_option()
    {
        await using var s = await ConnectPlaintextAsync("IMAP4rev1 AUTH=PLAIN AUTH=SCRAM-SHA-1");
        var login = s.Client.AuthenticateAsync(Alice);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE SCRAM-SHA-1"));
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] not today\r\n");
        Assert.That(() => login.WaitAsync(Wait), Throws.TypeOf<ImapCommandException>());
        // No PLAIN attempt follows a failed SCRAM: the NOOP sent now is the next command.
        await ExpectOnlyNoopAsync(s, command.Tag + " AUTHENTICATE SCRAM-SHA-1\r\n");
    }

    [Test]
    public async Task Allow_cleartext_passwords_lets_login_go_over_plaintext()
    {
        await using var s = await ConnectAsync("IMAP4rev1");
        var login = s.Client.LoginAsync("alice", "secret");

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LOGIN alice secret"));
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");
        await login.WaitAsync(Wait);
        Assert.That(s.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Logindisabled_is_still_honoured_when_cleartext_passwords_are_allowed()
    {
        await using var s = await ConnectAsync("IMAP4rev1 LOGINDISABLED");

        Assert.That(() => s.Client.LoginAsync("alice", "secret"), Throws.InvalidOperationException);
        Assert.That(() => s.Client.AuthenticateAsync(Alice), Throws.InvalidOperationException);

        await ExpectOnlyNoopAsync(s);
    }

    /// <summary>Plaintext transport chosen by name, but cleartext passwords not allowed: the case under test.</summary>
    private static Task<SaslSession> ConnectPlaintextAsync(string capabilities) =>
        ConnectAsync(capabilities, options => new ImapClientOptions(options) { AllowCleartextPasswords = false });

    /// <summary>Ends on a known event: a NOOP round trip, after which the server must have received that NOOP and nothing else (after <paramref name="before"/>).</summary>
    private static async Task ExpectOnlyNoopAsync(SaslSession s, string before = "")
    {
        var noop = s.Client.NoopAsync();
        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(s.Server.Received, Is.EqualTo(before + command.Tag + " NOOP\r\n"));
    }
}
