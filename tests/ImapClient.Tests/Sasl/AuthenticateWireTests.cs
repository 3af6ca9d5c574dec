using System.Security.Cryptography;
using Imap.Commands;
using Imap.Sasl;
using Imap.Tests.Support;
using static Imap.Tests.Sasl.SaslSession;

namespace Imap.Tests.Sasl;

/// <summary>AUTHENTICATE and LOGIN on the wire: the exact lines each mechanism sends, with and without SASL-IR.</summary>
public sealed class AuthenticateWireTests
{
    private static readonly ImapCredentials Pencil = ImapCredentials.Password("user", "pencil");

    [Test]
    public async Task Scram_sha256_with_sasl_ir_sends_the_client_first_message_inline()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Does.StartWith("AUTHENTICATE SCRAM-SHA-256 "));
        string signature = await s.PlayScramAsync(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..], HashAlgorithmName.SHA256, "n,,", []);
        await s.Server.SendAsync("+ " + B64("v=" + signature) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty, "the server-final message is acknowledged with an empty line");
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.ScramSha256));
        Assert.That(s.Client.IsAuthenticated, Is.True);
        Assert.That(s.Client.Capabilities, Is.EquivalentTo(new[] { "IMAP4rev1", "IDLE" }));
    }

    [Test]
    public async Task Scram_sha1_without_sasl_ir_waits_for_the_empty_challenge_then_reads_capabilities()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=SCRAM-SHA-1 AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE SCRAM-SHA-1"));
        // The client-first message waits for the "+": refused instead, it never comes (the next test).
        s.Server.ExpectNothingUnread();
        await s.Server.SendAsync("+ \r\n");
        string signature = await s.PlayScramAsync(await s.Server.ReadLineAsync(), HashAlgorithmName.SHA1, "n,,", []);
        await s.Server.SendAsync("+ " + B64("v=" + signature) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{command.Tag} OK Logged in\r\n");

        // No capabilities in the OK: they are asked for (RFC 9051 §6.2.2 says they may change).
        var capability = await s.Server.ReadCommandAsync();
        Assert.That(capability.Text, Is.EqualTo("CAPABILITY"));
        await s.Server.SendAsync($"* CAPABILITY IMAP4rev1 MOVE\r\n{capability.Tag} OK\r\n");
        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.ScramSha1));
        Assert.That(s.Client.Capabilities, Does.Contain("MOVE"));
    }

    [Test]
    public async Task Without_sasl_ir_an_authenticate_refused_before_the_empty_challenge_sends_nothing_more()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=SCRAM-SHA-1");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE SCRAM-SHA-1"));
        await s.Server.SendAsync($"{command.Tag} NO [UNAVAILABLE] Try later\r\n");

        Assert.That(() => login.WaitAsync(Wait), Throws.InstanceOf<ImapException>());
        // Had the client-first message gone out before the "+", it would come before the NOOP.
        await s.Server.ExpectNothingBeforeNoopAsync(s.Client);
    }

    [Test]
    public async Task Scram_refused_with_no_fails_with_the_servers_code_and_text_and_the_connection_goes_on()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.PlayScramAsync(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..], HashAlgorithmName.SHA256, "n,,", []);
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(error.ResponseText, Is.EqualTo("Authentication failed."));
        Assert.That(error.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(error.Command, Is.EqualTo("AUTHENTICATE SCRAM-SHA-256"));
        Assert.That(s.Client.IsAuthenticated, Is.False);
        await NoopStillWorksAsync(s);
    }

    [Test]
    public async Task Scram_server_error_is_acknowledged_and_the_no_that_follows_is_reported()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.PlayScramAsync(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..], HashAlgorithmName.SHA256, "n,,", []);
        await s.Server.SendAsync("+ " + B64("e=invalid-proof") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Invalid proof\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(s.Client.IsAuthenticated, Is.False);
    }

    [Test]
    public async Task A_server_signature_that_does_not_verify_cancels_and_fails_typed_even_if_the_server_says_ok()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.PlayScramAsync(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..], HashAlgorithmName.SHA256, "n,,", []);
        await s.Server.SendAsync("+ " + B64("v=" + Convert.ToBase64String(new byte[32])) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"), "the client cancels the exchange");

        // An impostor claims success anyway.
        await s.Server.SendAsync($"{command.Tag} OK Logged in\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("does not verify"));
        Assert.That(s.Client.IsAuthenticated, Is.False);
        Assert.That(s.Client.IsConnected, Is.False, "nothing more goes to a server that did not prove itself");
    }

    [Test]
    public async Task Ok_without_the_server_final_message_fails_typed_and_closes_the_connection()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.PlayScramAsync(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..], HashAlgorithmName.SHA256, "n,,", []);
        await s.Server.SendAsync($"{command.Tag} OK Logged in\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(s.Client.IsAuthenticated, Is.False);
        Assert.That(s.Client.IsConnected, Is.False);
    }

    [TestCase("not base64!", "not base64", TestName = "A challenge that is not base64 is cancelled with a star")]
    [TestCase("cj1ub3BlLHM9UVNYQ1IrUTZzZWs4YmY5MixpPTQwOTY=", "does not extend", TestName = "A server nonce that does not extend the client nonce is cancelled with a star")]
    public async Task A_malformed_challenge_is_cancelled_and_the_exchange_fails_with_the_reason(string challenge, string reason)
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync("+ " + challenge + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"));
        await s.Server.SendAsync($"{command.Tag} BAD Authentication aborted by client.\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain(reason));
        Assert.That(s.Client.IsAuthenticated, Is.False);
        await NoopStillWorksAsync(s);
    }

    [Test]
    public async Task An_iteration_count_over_the_limit_is_cancelled_before_any_work()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        string nonce = Unb64(command.Text["AUTHENTICATE SCRAM-SHA-256 ".Length..])[(",,n=user,r=".Length + 1)..];
        await s.Server.SendAsync("+ " + B64($"r={nonce}xyz,s=QSXCR+Q6sek8bf92,i=2147483647") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(TimeSpan.FromSeconds(2)), Is.EqualTo("*"), "refused at once, not after two billion rounds");
        await s.Server.SendAsync($"{command.Tag} BAD Aborted\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("MaxScramIterations"));
    }

    [Test]
    public async Task Too_many_challenges_are_cancelled_at_the_round_limit()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=LOGIN LOGINDISABLED", o => new ImapClientOptions(o) { Limits = ImapLimits.Default with { MaxSaslRounds = 1 } });
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE LOGIN"));
        await s.Server.SendAsync("+ " + B64("Username:") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo(B64("user")));
        await s.Server.SendAsync("+ " + B64("Password:") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"), "the second round is over the limit of one");
        await s.Server.SendAsync($"{command.Tag} BAD Aborted\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("MaxSaslRounds"));
    }

    [Test]
    public async Task An_oversized_challenge_is_cancelled()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=LOGIN LOGINDISABLED", o => new ImapClientOptions(o) { Limits = ImapLimits.Default with { MaxSaslChallengeSize = 16 } });
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync("+ " + B64(new string('x', 17)) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"));
        await s.Server.SendAsync($"{command.Tag} BAD Aborted\r\n");

        var error = Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Message, Does.Contain("MaxSaslChallengeSize"));
    }

    [Test]
    public async Task A_server_that_keeps_challenging_after_the_star_is_a_protocol_error_not_a_hang()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN " + B64("\0user\0pencil")));
        await s.Server.SendAsync("+ \r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"), "PLAIN has nothing more to say");
        await s.Server.SendAsync("+ \r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
        Assert.That(s.Client.IsConnected, Is.False);
    }

    [Test]
    public async Task A_non_empty_first_challenge_for_a_client_first_mechanism_without_sasl_ir_is_cancelled()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN"));
        await s.Server.SendAsync("+ " + B64("what?") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("*"), "the password is not sent into an unexpected challenge");
        await s.Server.SendAsync($"{command.Tag} BAD Aborted\r\n");

        Assert.ThrowsAsync<ImapProtocolException>(() => login.WaitAsync(Wait));
    }

    [Test]
    public async Task Plain_without_sasl_ir_sends_the_response_after_the_empty_challenge()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(ImapCredentials.Password("alice", "s\u00e9cret"));

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN"));
        await s.Server.SendAsync("+\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("AGFsaWNlAHPDqWNyZXQ="));
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.Plain));
        Assert.That(s.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task The_login_command_is_used_when_no_sasl_mechanism_fits()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=GSSAPI");
        var login = s.Client.AuthenticateAsync(ImapCredentials.Password("alice", "pa ss"));

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LOGIN alice \"pa ss\""));
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.Login));
        Assert.That(s.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Authenticate_login_answers_username_then_password()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=LOGIN LOGINDISABLED");
        var login = s.Client.AuthenticateAsync(ImapCredentials.Password("alice", "secret"));

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE LOGIN"), "LOGIN has no initial response, even with SASL-IR");
        await s.Server.SendAsync("+ VXNlcm5hbWU6\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("YWxpY2U="));
        await s.Server.SendAsync("+ UGFzc3dvcmQ6\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("c2VjcmV0"));
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.SaslLogin));
    }

    [Test]
    public async Task Xoauth2_with_sasl_ir_answers_the_error_challenge_empty_and_reports_the_no()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(ImapCredentials.OAuth2("someuser@example.com", "ya29.token"));

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE XOAUTH2 " + B64("user=someuser@example.com\u0001auth=Bearer ya29.token\u0001\u0001")));
        await s.Server.SendAsync("+ " + B64("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(error.ResponseText, Is.EqualTo("Invalid credentials (Failure)"));
        Assert.That(s.Client.IsAuthenticated, Is.False);
    }

    [Test]
    public async Task Xoauth2_with_sasl_ir_succeeds_in_one_line()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=XOAUTH2");
        var login = s.Client.AuthenticateAsync(ImapCredentials.OAuth2("someuser@example.com", "ya29.token"));

        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] someuser@example.com authenticated (Success)\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.XOAuth2));
        Assert.That(s.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Oauthbearer_without_sasl_ir_sends_after_the_empty_challenge_and_answers_an_error_with_ctrl_a()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=OAUTHBEARER AUTH=XOAUTH2");
        var login = s.Client.AuthenticateAsync(ImapCredentials.OAuth2("user@example.com", "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="));

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE OAUTHBEARER"));
        await s.Server.SendAsync("+ \r\n");
        Assert.That(Unb64(await s.Server.ReadLineAsync()),
            Is.EqualTo("n,a=user@example.com,\u0001host=imap.example.com\u0001port=143\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001"));
        await s.Server.SendAsync("+ " + B64("{\"status\":\"invalid_token\",\"scope\":\"example_scope\",\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}") + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo("AQ=="), "a single ^A, base64");
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Token refused\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
    }

    [Test]
    public async Task An_empty_initial_response_is_sent_inline_as_an_equals_sign()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=X-EMPTY");
        var command = new AuthenticateCommand(new EmptyFirstMechanism(), saslInitialResponse: true, ImapLimits.Default);
        var run = s.Client.RunAsync(command, CancellationToken.None);

        var sent = await s.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo("AUTHENTICATE X-EMPTY ="));
        await s.Server.SendAsync($"{sent.Tag} OK done\r\n");
        Assert.That(await run.WaitAsync(Wait), Is.False, "no capabilities in the OK");
    }

    [Test]
    public async Task An_empty_initial_response_without_sasl_ir_is_an_empty_line()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=X-EMPTY");
        var run = s.Client.RunAsync(new AuthenticateCommand(new EmptyFirstMechanism(), saslInitialResponse: false, ImapLimits.Default), CancellationToken.None);

        var sent = await s.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo("AUTHENTICATE X-EMPTY"));
        await s.Server.SendAsync("+ \r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{sent.Tag} OK done\r\n");
        await run.WaitAsync(Wait);
    }

    [Test]
    public async Task Nothing_is_sent_when_no_allowed_mechanism_is_offered()
    {
        await using var s = await ConnectAsync("IMAP4rev1 AUTH=PLAIN AUTH=LOGIN", o => new ImapClientOptions(o) { AllowedMechanisms = AuthenticationMechanisms.Scram });

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => s.Client.AuthenticateAsync(Pencil));
        Assert.That(error!.Message, Does.Contain("AUTH=LOGIN AUTH=PLAIN"));
        await s.Server.ExpectNothingBeforeNoopAsync(s.Client);
    }

    [Test]
    public async Task Logindisabled_with_no_sasl_mechanism_refuses_without_sending()
    {
        await using var s = await ConnectAsync("IMAP4rev1 LOGINDISABLED");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => s.Client.AuthenticateAsync(Pencil));
        Assert.That(error!.Message, Does.Contain("LOGINDISABLED"));
        await s.Server.ExpectNothingBeforeNoopAsync(s.Client);
    }

    [Test]
    public async Task Credentials_are_never_sent_readable_over_plaintext_without_the_named_opt_in()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] ready\r\n");
        await using var client = await ImapClient.ConnectAsync(clientEnd, new ImapClientOptions { Host = "x", Security = ImapSecurity.ImplicitTls }).WaitAsync(Wait);

        Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticateAsync(Pencil));
        Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticateAsync(ImapCredentials.OAuth2("u", "t")));
        Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticatePlainAsync("user", "pencil"));
        await server.ExpectNothingBeforeNoopAsync(client);
    }

    [Test]
    public async Task A_second_login_is_refused_without_sending()
    {
        await using var s = await ConnectAsync("IMAP4rev1 SASL-IR AUTH=PLAIN");
        var login = s.Client.AuthenticateAsync(Pencil);
        var command = await s.Server.ReadCommandAsync();
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");
        await login.WaitAsync(Wait);

        Assert.ThrowsAsync<InvalidOperationException>(() => s.Client.AuthenticateAsync(Pencil));
        Assert.ThrowsAsync<InvalidOperationException>(() => s.Client.LoginAsync("user", "pencil"));
        await s.Server.ExpectNothingBeforeNoopAsync(s.Client);
    }

    [Test]
    public async Task Connect_with_credentials_logs_in_before_returning()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions
        {
            Host = "x",
            Security = ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = true,
            Credentials = ImapCredentials.Password("alice", "secret"),
        });

        var command = await server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN " + B64("\0alice\0secret")));
        await server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n");

        await using var client = await connecting.WaitAsync(Wait);
        Assert.That(client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Connect_with_credentials_fails_when_the_login_fails()
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions
        {
            Host = "x",
            Security = ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = true,
            Credentials = ImapCredentials.Password("alice", "wrong"),
        });

        var command = await server.ReadCommandAsync();
        await server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => connecting.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
    }

    [Test]
    public async Task Scram_sha256_plus_binds_to_the_tls_certificate_over_a_real_tls_stream()
    {
        await using var s = await ConnectTlsAsync("IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256 AUTH=SCRAM-SHA-256-PLUS");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Does.StartWith("AUTHENTICATE SCRAM-SHA-256-PLUS "));

        // The test certificate is ECDSA with SHA-256: the binding is the SHA-256 of its DER (RFC 5929 §4.1).
        byte[] binding = SHA256.HashData(SelfSignedCertificate.Localhost.RawData);
        string signature = await s.PlayScramAsync(
            command.Text["AUTHENTICATE SCRAM-SHA-256-PLUS ".Length..], HashAlgorithmName.SHA256, "p=tls-server-end-point,,", binding);
        await s.Server.SendAsync("+ " + B64("v=" + signature) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.ScramSha256Plus));
        Assert.That(s.Client.IsAuthenticated, Is.True);
    }

    [Test]
    public async Task Scram_over_tls_to_a_server_without_plus_says_y()
    {
        await using var s = await ConnectTlsAsync("IMAP4rev1 AUTH=SCRAM-SHA-1");
        var login = s.Client.AuthenticateAsync(Pencil);

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE SCRAM-SHA-1"));
        await s.Server.SendAsync("+ \r\n");
        string signature = await s.PlayScramAsync(await s.Server.ReadLineAsync(), HashAlgorithmName.SHA1, "y,,", []);
        await s.Server.SendAsync("+ " + B64("v=" + signature) + "\r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.Empty);
        await s.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");

        Assert.That(await login.WaitAsync(Wait), Is.EqualTo(AuthenticationMechanisms.ScramSha1));
    }

    [Test]
    public async Task The_channel_binding_dotnet_gives_matches_the_certificate_hash()
    {
        await using var s = await ConnectTlsAsync("IMAP4rev1");
        var connection = typeof(ImapClient).GetField("connection", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(s.Client);

        byte[]? binding = ((Imap.Connection.ImapConnection)connection!).GetTlsServerEndPoint();

        Assert.That(binding, Is.EqualTo(SHA256.HashData(SelfSignedCertificate.Localhost.RawData)));
    }

    [Test]
    public async Task Authenticate_plain_keeps_working_and_is_named_after_its_mechanism_in_errors()
    {
        await using var s = await ConnectAsync("IMAP4rev1");
        var login = s.Client.AuthenticatePlainAsync("alice", "secret");

        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("AUTHENTICATE PLAIN"));
        await s.Server.SendAsync("+ \r\n");
        Assert.That(await s.Server.ReadLineAsync(), Is.EqualTo(B64("\0alice\0secret")));
        await s.Server.SendAsync($"{command.Tag} NO [AUTHENTICATIONFAILED] Nope\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => login.WaitAsync(Wait));
        Assert.That(error!.Command, Is.EqualTo("AUTHENTICATE PLAIN"));
    }

    private static async Task NoopStillWorksAsync(SaslSession s)
    {
        var noop = s.Client.NoopAsync();
        var command = await s.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"));
        await s.Server.SendAsync($"{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(s.Client.IsConnected, Is.True);
    }

    /// <summary>A client-first mechanism whose initial response is empty (as EXTERNAL's usually is).</summary>
    private sealed class EmptyFirstMechanism : SaslMechanism
    {
        public override string Name => "X-EMPTY";

        public override bool IsClientFirst => true;

        public override byte[] GetInitialResponse() => [];

        public override byte[] Respond(ReadOnlySpan<byte> challenge) => throw UnexpectedChallenge();
    }
}
