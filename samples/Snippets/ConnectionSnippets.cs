using System.Security.Cryptography.X509Certificates;
using Imap;

namespace Snippets;

/// <summary>The code of docs/connecting.md.</summary>
public static class ConnectionSnippets
{
    public static async Task ImplicitTlsAsync(CancellationToken cancellationToken)
    {
        #region connect-implicit-tls
        // TLS from the first byte on port 993; certificate chain, host name and revocation are checked.
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.Password("alice", "secret"),
        }, cancellationToken);
        Console.WriteLine($"encrypted: {client.IsEncrypted}, logged in: {client.IsAuthenticated}");
        #endregion
    }

    public static async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        #region connect-starttls
        // Plain TCP on port 143, then STARTTLS, required: no STARTTLS on offer, or a refusal, fails the connection.
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.example.com",
            Security = ImapSecurity.StartTls,
            Credentials = ImapCredentials.Password("alice", "secret"),
        }, cancellationToken);
        #endregion
    }

    public static async Task LoginLaterAsync(CancellationToken cancellationToken)
    {
        #region connect-then-login
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions { Host = "imap.example.com" }, cancellationToken);
        Console.WriteLine($"{client.Greeting}; offers {string.Join(' ', client.Capabilities)}");
        AuthenticationMechanisms used = await client.AuthenticateAsync(ImapCredentials.Password("alice", "secret"), cancellationToken);
        Console.WriteLine($"logged in with {used}");
        #endregion
    }

    public static async Task PrivateCaAsync(CancellationToken cancellationToken)
    {
        #region connect-private-ca
        // The company's root certificate: server certificates must chain to it; the system's roots are not used.
        using X509Certificate2 companyRoot = X509CertificateLoader.LoadCertificateFromFile("company-root.crt");
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.corp.example",
            TrustedCertificateAuthorities = [companyRoot],
            Credentials = ImapCredentials.Password("alice", "secret"),
        }, cancellationToken);
        #endregion
    }

    public static async Task PinnedAsync(CancellationToken cancellationToken)
    {
        #region connect-pinned
        // A self-signed test or appliance server: this exact certificate is accepted, whatever its chain, name or dates.
        using X509Certificate2 serverCertificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync("server.pem", cancellationToken));
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = 10993,
            TrustedCertificate = serverCertificate,
            Credentials = ImapCredentials.Password("alice", "secret"),
        }, cancellationToken);
        #endregion
    }

    public static async Task OAuthAsync(Func<CancellationToken, Task<string>> getAccessToken, CancellationToken cancellationToken)
    {
        #region connect-oauth
        // The access token comes from your OAuth 2.0 library (with the provider's IMAP scope); it is sent with
        // OAUTHBEARER, or XOAUTH2 where only that is offered, and never appears in logs or ToString().
        string accessToken = await getAccessToken(cancellationToken);
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.OAuth2("alice@example.com", accessToken),
        }, cancellationToken);
        #endregion
    }

    public static async Task CertificateErrorAsync(CancellationToken cancellationToken)
    {
        #region connect-certificate-error
        try
        {
            await using var client = await ImapClient.ConnectAsync(new ImapClientOptions { Host = "imap.example.com" }, cancellationToken);
        }
        catch (ImapCertificateException e)
        {
            // The message names each cause, the option that would change it, and the certificate's SHA-256 fingerprint.
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine($"{e.PolicyErrors}; chain: {e.ChainStatus}; worth retrying: {e.IsTransient}");
        }
        #endregion
    }

    public static async Task LoopbackAsync(CancellationToken cancellationToken)
    {
        #region connect-loopback-plaintext
        // No encryption at all: only for a server on this machine or in tests. SCRAM still works without the second
        // option; PLAIN, LOGIN and OAuth need it, because they would show the secret to anyone on the path.
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "127.0.0.1",
            Port = 10143,
            Security = ImapSecurity.InsecurePlaintext,
            AllowCleartextPasswords = true,
            Credentials = ImapCredentials.Password("alice", "secret"),
        }, cancellationToken);
        #endregion
    }
}
