// QuickStart: connects to the IMAP server named by the environment (scripts/demo.sh starts a private Dovecot and
// sets these), over implicit TLS, trusting the server's self-signed test certificate explicitly.
//
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
//
// The typed client arrives with the dispatcher issue; until then this speaks the protocol over a raw TLS stream
// and shows the greeting, the capabilities before and after login, and logs out.
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

string host = Environment.GetEnvironmentVariable("IMAP_HOST") ?? "127.0.0.1";
int port = int.Parse(Environment.GetEnvironmentVariable("IMAPS_PORT") ?? "993", System.Globalization.CultureInfo.InvariantCulture);
string? certificatePath = Environment.GetEnvironmentVariable("IMAP_CERT");
string user = Environment.GetEnvironmentVariable("IMAP_USER") ?? "alice";
string password = Environment.GetEnvironmentVariable("IMAP_PASSWORD") ?? "alice-secret";

using X509Certificate2? trusted = certificatePath is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));

using var tcp = new TcpClient();
await tcp.ConnectAsync(host, port);
await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
    errors == SslPolicyErrors.None
    || (trusted is not null && certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(trusted.GetCertHash())));
await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host });

using var reader = new StreamReader(tls, Encoding.ASCII);
Console.WriteLine($"Connected to {host}:{port} over {tls.SslProtocol}");
Console.WriteLine($"Greeting: {await reader.ReadLineAsync()}");

await ShowAsync("a1", "CAPABILITY");
await ShowAsync("a2", $"LOGIN {Quote(user)} {Quote(password)}", redact: true);
await ShowAsync("a3", "CAPABILITY");
await ShowAsync("a4", "LOGOUT");

async Task ShowAsync(string tag, string command, bool redact = false)
{
    Console.WriteLine($"C: {tag} {(redact ? command.Split(' ')[0] + " ***" : command)}");
    await tls.WriteAsync(Encoding.UTF8.GetBytes($"{tag} {command}\r\n"));
    while (await reader.ReadLineAsync() is { } line)
    {
        Console.WriteLine($"S: {line}");
        if (line.StartsWith(tag + " ", StringComparison.Ordinal))
        {
            return;
        }
    }
}

static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
