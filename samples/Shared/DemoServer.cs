using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Imap;

namespace Samples;

/// <summary>
/// Connects to the server named by the environment, as scripts/demo.sh sets it for the private Dovecot: implicit TLS,
/// the server's self-signed certificate trusted explicitly, and a login with the strongest mechanism offered.
/// </summary>
/// <remarks>IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD.</remarks>
internal static class DemoServer
{
    public static async Task<ImapClient> ConnectAsync(IReadOnlyList<string>? enableExtensions = null, CancellationToken cancellationToken = default)
    {
        string host = Environment.GetEnvironmentVariable("IMAP_HOST") ?? "127.0.0.1";
        int port = int.Parse(Environment.GetEnvironmentVariable("IMAPS_PORT") ?? "993", CultureInfo.InvariantCulture);
        string? certificatePath = Environment.GetEnvironmentVariable("IMAP_CERT");
        using X509Certificate2? trusted = certificatePath is null ? null : X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificatePath, cancellationToken));
        return await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = host,
            Port = port,
            TrustedCertificate = trusted,
            Credentials = ImapCredentials.Password(
                Environment.GetEnvironmentVariable("IMAP_USER") ?? "alice",
                Environment.GetEnvironmentVariable("IMAP_PASSWORD") ?? "alice-secret"),
            EnableExtensions = enableExtensions ?? ["IMAP4rev2", "UTF8=ACCEPT"],
        }, cancellationToken);
    }
}
