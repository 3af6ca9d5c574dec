using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Imap.Tests.Support;

namespace Imap.Tests.Connection;

/// <summary>
/// Server certificates checked for real, over STARTTLS in memory and implicit TLS on loopback, with a private CA made
/// on the spot and a CRL served over HTTP on loopback (issue 12: revocation was never checked, and every rejection
/// was blamed on a callback the caller never supplied).
/// </summary>
public sealed class CertificateValidationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_certificate_from_a_trusted_private_ca_is_accepted_after_its_crl_was_fetched()
    {
        using var pki = new TestPki();
        await using var crl = new CrlServer();
        using var leaf = pki.IssueServer(crlUrl: crl.Url);
        crl.Crl = pki.CreateCrl();

        var error = await StartTlsAsync(Trusting(pki), leaf);

        Assert.That(error, Is.Null);
        Assert.That(crl.Requests, Is.GreaterThan(0), "revocation is checked online by default");
    }

    [Test]
    public async Task A_revoked_certificate_is_rejected_over_starttls_and_the_message_says_revoked()
    {
        var error = await RevokedOutcomeAsync(useStartTls: true);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.ChainStatus & X509ChainStatusFlags.Revoked, Is.EqualTo(X509ChainStatusFlags.Revoked));
        Assert.That(rejected.PolicyErrors, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.That(rejected.Message, Does.Contain("revoked").And.Not.Contain("RemoteCertificateValidationCallback"));
        Assert.That(rejected.IsTransient, Is.False);
    }

    [Test]
    public async Task A_revoked_certificate_is_rejected_over_implicit_tls()
    {
        var error = await RevokedOutcomeAsync(useStartTls: false);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        Assert.That(((ImapCertificateException)error!).ChainStatus & X509ChainStatusFlags.Revoked, Is.EqualTo(X509ChainStatusFlags.Revoked));
    }

    [Test]
    public async Task Revocation_none_accepts_a_revoked_certificate_and_asks_nobody()
    {
        using var pki = new TestPki();
        await using var crl = new CrlServer();
        using var leaf = pki.IssueServer(crlUrl: crl.Url);
        crl.Crl = pki.CreateCrl(leaf);

        var error = await StartTlsAsync(new ImapClientOptions(Trusting(pki)) { CertificateRevocation = CertificateRevocation.None }, leaf);

        Assert.That(error, Is.Null);
        Assert.That(crl.Requests, Is.Zero);
    }

    [Test]
    public async Task An_unreachable_crl_server_is_tolerated_by_default()
    {
        using var pki = new TestPki();
        using var leaf = pki.IssueServer(crlUrl: CrlServer.Unreachable());

        var error = await StartTlsAsync(Trusting(pki), leaf);

        Assert.That(error, Is.Null);
    }

    [Test]
    public async Task An_unreachable_crl_server_fails_a_strict_check_and_says_which_option_relaxes_it()
    {
        using var pki = new TestPki();
        using var leaf = pki.IssueServer(crlUrl: CrlServer.Unreachable());

        var error = await StartTlsAsync(new ImapClientOptions(Trusting(pki)) { CertificateRevocation = CertificateRevocation.Strict }, leaf);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.ChainStatus & X509ChainStatusFlags.RevocationStatusUnknown, Is.EqualTo(X509ChainStatusFlags.RevocationStatusUnknown));
        Assert.That(rejected.Message, Does.Contain("revocation status could not be learned").And.Contain("CertificateRevocation.Online"));
        Assert.That(rejected.IsTransient, Is.True);
    }

    [Test]
    public async Task A_self_signed_certificate_is_rejected_as_an_untrusted_root_naming_the_options()
    {
        var error = await StartTlsAsync(new ImapClientOptions { Host = "localhost" }, SelfSignedCertificate.Localhost);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.ChainStatus & X509ChainStatusFlags.UntrustedRoot, Is.EqualTo(X509ChainStatusFlags.UntrustedRoot));
        Assert.That(rejected.Message, Does.Contain("untrusted root").And.Contain("TrustedCertificateAuthorities").And.Contain("TrustedCertificate"));
        Assert.That(rejected.Message, Does.Not.Contain("RemoteCertificateValidationCallback"));
    }

    [Test]
    public async Task A_certificate_for_another_name_is_rejected_as_a_name_mismatch()
    {
        using var pki = new TestPki();
        using var leaf = pki.IssueServer(dnsName: "localhost");

        var error = await StartTlsAsync(new ImapClientOptions(Trusting(pki)) { Host = "imap.example.org" }, leaf);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch, Is.EqualTo(SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.That(rejected.Message, Does.Contain("not issued for \"imap.example.org\" (it names \"localhost\")"));
        Assert.That(rejected.Message, Does.Not.Contain("untrusted").And.Not.Contain("revoked"), "the chain itself is fine: only the name is named");
    }

    [Test]
    public async Task An_expired_certificate_is_rejected_with_its_validity_period()
    {
        using var pki = new TestPki();
        using var leaf = pki.IssueServer(notBefore: DateTimeOffset.UtcNow.AddDays(-3), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        var error = await StartTlsAsync(Trusting(pki), leaf);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.ChainStatus & X509ChainStatusFlags.NotTimeValid, Is.EqualTo(X509ChainStatusFlags.NotTimeValid));
        Assert.That(rejected.Message, Does.Contain("expired or not yet valid (valid from"));
    }

    [Test]
    public async Task A_chain_missing_its_intermediate_is_rejected_as_incomplete()
    {
        using var pki = new TestPki();
        using var intermediate = pki.CreateIntermediate();
        using var leaf = pki.IssueServer(issuer: intermediate);

        var error = await StartTlsAsync(Trusting(pki), leaf);

        Assert.That(error, Is.TypeOf<ImapCertificateException>());
        var rejected = (ImapCertificateException)error!;
        Assert.That(rejected.ChainStatus & X509ChainStatusFlags.PartialChain, Is.EqualTo(X509ChainStatusFlags.PartialChain));
        Assert.That(rejected.Message, Does.Contain("chain is incomplete"));
    }

    [Test]
    public async Task A_callers_callback_still_decides_alone_without_revocation_checks()
    {
        using var pki = new TestPki();
        using var leaf = pki.IssueServer(crlUrl: CrlServer.Unreachable());
        SslPolicyErrors seen = (SslPolicyErrors)(-1);

        var accepted = await StartTlsAsync(
            new ImapClientOptions { Host = "localhost", CertificateRevocation = CertificateRevocation.Strict, CertificateValidation = (_, certificate, _, errors) => { seen = errors; return certificate is not null; } },
            leaf);
        var refused = await StartTlsAsync(
            new ImapClientOptions { Host = "localhost", TrustedCertificateAuthorities = [pki.Root], CertificateValidation = (_, _, _, _) => false },
            leaf);

        Assert.That(accepted, Is.Null, "the callback's yes is final, even over Strict revocation and an untrusted root");
        Assert.That(seen, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors), "the chain is built as .NET does by default: the private root is not trusted");
        Assert.That(refused, Is.TypeOf<AuthenticationException>(), "the callback's no is reported by the TLS stack, as before");
    }

    [TestCase(SslPolicyErrors.None, X509ChainStatusFlags.NoError, CertificateRevocation.Strict, true)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation, CertificateRevocation.Online, true)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.RevocationStatusUnknown, CertificateRevocation.Offline, true)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation, CertificateRevocation.Strict, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.Revoked, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.Revoked | X509ChainStatusFlags.RevocationStatusUnknown, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.RevocationStatusUnknown, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.PartialChain, CertificateRevocation.None, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.NotTimeValid, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.NoError, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateNameMismatch, X509ChainStatusFlags.NoError, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.RevocationStatusUnknown, CertificateRevocation.Online, false)]
    [TestCase(SslPolicyErrors.RemoteCertificateNotAvailable, X509ChainStatusFlags.NoError, CertificateRevocation.None, false)]
    public void The_decision_tolerates_only_unknown_revocation_and_only_outside_strict_mode(
        SslPolicyErrors errors, X509ChainStatusFlags status, CertificateRevocation revocation, bool acceptable)
    {
        Assert.That(Imap.Connection.CertificateCheck.IsAcceptable(errors, status, revocation), Is.EqualTo(acceptable));
    }

    private static ImapClientOptions Trusting(TestPki pki) => new() { Host = "localhost", TrustedCertificateAuthorities = [pki.Root] };

    /// <summary>A private CA whose CRL, served on loopback, revokes the certificate the server presents.</summary>
    private static async Task<Exception?> RevokedOutcomeAsync(bool useStartTls)
    {
        using var pki = new TestPki();
        await using var crl = new CrlServer();
        using var leaf = pki.IssueServer(crlUrl: crl.Url);
        crl.Crl = pki.CreateCrl(leaf);

        var error = useStartTls ? await StartTlsAsync(Trusting(pki), leaf) : await ImplicitTlsAsync(Trusting(pki), leaf);

        Assert.That(crl.Requests, Is.GreaterThan(0), "the CRL was fetched");
        return error;
    }

    /// <summary>Connects over STARTTLS in memory; null when the client accepted the certificate, else what it threw.</summary>
    private static async Task<Exception?> StartTlsAsync(ImapClientOptions options, X509Certificate2 presented)
    {
        var (clientEnd, server) = ScriptedServer.Create();
        await using var _ = server;
        await server.SendAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var connecting = ImapClient.ConnectAsync(clientEnd, new ImapClientOptions(options) { Security = ImapSecurity.StartTls });
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("S1 STARTTLS"));
        var serverSide = AnswerOverTlsAsync(server, presented);
        var outcome = await Outcome(connecting);
        await Quietly(serverSide);
        return outcome;
    }

    private static async Task AnswerOverTlsAsync(ScriptedServer server, X509Certificate2 presented)
    {
        await server.StartTlsAsync("S1 OK Begin TLS\r\n", presented, Wait);
        var capability = await server.ReadCommandAsync(Wait);
        await server.SendAsync($"* CAPABILITY IMAP4rev1\r\n{capability.Tag} OK\r\n");
    }

    /// <summary>Connects with implicit TLS to a server on loopback; null when the client accepted the certificate.</summary>
    private static async Task<Exception?> ImplicitTlsAsync(ImapClientOptions options, X509Certificate2 presented)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serverSide = ServeImplicitTlsAsync(listener, presented);
        var outcome = await Outcome(ImapClient.ConnectAsync(new ImapClientOptions(options)
        {
            Host = "localhost",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            Security = ImapSecurity.ImplicitTls,
        }));
        listener.Stop();
        await Quietly(serverSide);
        return outcome;
    }

    private static async Task ServeImplicitTlsAsync(TcpListener listener, X509Certificate2 presented)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(socket.GetStream());
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = presented });
        await tls.WriteAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n"u8.ToArray());
        var buffer = new byte[256];
        while (await tls.ReadAsync(buffer) > 0)
        {
        }
    }

    private static async Task<Exception?> Outcome(Task<ImapClient> connecting)
    {
        var settled = await Task.WhenAny(connecting, Task.Delay(Wait));
        Assert.That(settled, Is.SameAs(connecting), "the connection attempt hung");
        if (connecting.IsCompletedSuccessfully)
        {
            await using var client = connecting.Result;
            Assert.That(client.IsEncrypted, Is.True);
            return null;
        }

        return connecting.Exception!.InnerException;
    }

    private static Task Quietly(Task task) => task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
