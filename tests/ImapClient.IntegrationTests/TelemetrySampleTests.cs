using System.Diagnostics;
using System.Globalization;

namespace Imap.IntegrationTests;

/// <summary>The Telemetry sample, run as a program against the test server: spans and metrics reach the console exporter.</summary>
[TestFixture]
public sealed class TelemetrySampleTests
{
    [Test]
    public async Task The_sample_prints_a_span_per_command_and_the_metrics_without_any_secret()
    {
        string folder = Directory.CreateTempSubdirectory("imapclient-telemetry-").FullName;
        string certificate = Path.Combine(folder, "server.pem");
        await File.WriteAllTextAsync(certificate, DovecotFixture.Target.Certificate.ExportCertificatePem());
        try
        {
            string output = await RunAsync(certificate);

            Assert.That(output, Does.Contain("As expected, the server refused: No"));
            foreach (string span in new[] { "IMAP connect", "IMAP AUTHENTICATE", "IMAP SELECT", "IMAP FETCH", "IMAP LOGOUT", "read the inbox" })
            {
                Assert.That(output, Does.Contain("Activity.DisplayName:        " + span), span);
            }

            foreach (string metric in new[] { "imap.client.command.duration", "imap.client.commands.active", "imap.client.connections", "imap.client.io" })
            {
                Assert.That(output, Does.Contain("Metric Name: " + metric), metric);
            }

            Assert.That(output, Does.Contain("imap.response.status: no"), "the refused SELECT");
            Assert.That(output, Does.Contain("network.io.direction: receive"));
            var target = DovecotFixture.Target;
            Assert.That(output, Does.Not.Contain(target.User.Password));
            Assert.That(output, Does.Not.Contain(target.User.Name + " "), "no user name as a tag value");
            Assert.That(output, Does.Not.Contain("No such mailbox"), "no mailbox name");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string certificate)
    {
        string testDirectory = TestContext.CurrentContext.TestDirectory;
        string configuration = testDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string root = testDirectory;
        while (!File.Exists(Path.Combine(root, "ImapClient.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("ImapClient.sln not found above the tests.");
        }

        string program = Path.Combine(root, "samples", "Telemetry", "bin", configuration, "net10.0", "Telemetry.dll");
        Assert.That(File.Exists(program), Is.True, $"{program} is built with the solution");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        var target = DovecotFixture.Target;
        start.Environment["IMAP_HOST"] = target.Host;
        start.Environment["IMAPS_PORT"] = target.ImapsPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["IMAP_CERT"] = certificate;
        start.Environment["IMAP_USER"] = target.User.Name;
        start.Environment["IMAP_PASSWORD"] = target.User.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }
}
