// Telemetry: the client's metrics and traces through OpenTelemetry's console exporter. Connects to the IMAP server
// named by the environment (scripts/demo.sh starts a private Dovecot and sets these, as for QuickStart) over implicit
// TLS, logs in, lists the mailboxes, opens the inbox, fetches the newest summaries, asks for a mailbox that does not
// exist (a NO, to show a failed span and status "no"), and logs out, all inside one span of the sample's own. The
// spans are printed as they end; the metrics once, when the meter provider is disposed at the end.
//
//   IMAP_HOST, IMAPS_PORT, IMAP_CERT (PEM of the certificate to trust), IMAP_USER, IMAP_PASSWORD
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Imap;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

string host = Environment.GetEnvironmentVariable("IMAP_HOST") ?? "127.0.0.1";
int port = int.Parse(Environment.GetEnvironmentVariable("IMAPS_PORT") ?? "993", CultureInfo.InvariantCulture);
string? certificatePath = Environment.GetEnvironmentVariable("IMAP_CERT");
string user = Environment.GetEnvironmentVariable("IMAP_USER") ?? "alice";
string password = Environment.GetEnvironmentVariable("IMAP_PASSWORD") ?? "alice-secret";

using var sample = new ActivitySource("TelemetrySample");
var resource = ResourceBuilder.CreateDefault().AddService("imapclient-telemetry-sample");
using (var tracing = Sdk.CreateTracerProviderBuilder()
    .SetResourceBuilder(resource)
    .AddSource(sample.Name, ImapTelemetry.ActivitySourceName)
    .AddConsoleExporter()
    .Build())
using (var metrics = Sdk.CreateMeterProviderBuilder()
    .SetResourceBuilder(resource)
    .AddMeter(ImapTelemetry.MeterName)
    .AddConsoleExporter()
    .Build())
{
    using X509Certificate2? trusted = certificatePath is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
    using (var session = sample.StartActivity("read the inbox"))
    {
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = host,
            Port = port,
            TrustedCertificate = trusted,
            Credentials = ImapCredentials.Password(user, password),
        });

        var mailboxes = await client.ListMailboxesAsync();
        var inbox = await client.SelectAsync("INBOX");
        int fetched = 0;
        await foreach (var message in inbox.FetchBySequenceAsync(inbox.Newest(10), FetchItems.Envelope | FetchItems.Flags))
        {
            fetched++;
        }

        try
        {
            await client.SelectAsync("No such mailbox " + Guid.NewGuid().ToString("N"));
        }
        catch (ImapCommandException e)
        {
            Console.WriteLine($"As expected, the server refused: {e.Status}");
        }

        await client.LogoutAsync();
        Console.WriteLine($"{mailboxes.Count} mailboxes, {inbox.Count} messages in INBOX, {fetched} summaries fetched");
    }

    // Leaving the using block disposes the providers: the metrics are collected and printed once more, now.
    Console.WriteLine("Metrics collected when the meter provider is disposed:");
}
