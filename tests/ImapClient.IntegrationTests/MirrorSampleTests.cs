using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>The Mirror sample, run as a program against the test server: a first full copy, then only the changes.</summary>
[TestFixture]
public sealed class MirrorSampleTests
{
    [Test]
    public async Task The_second_run_transfers_only_what_changed_and_the_folder_matches_the_mailbox()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = "Mirror-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateMailboxAsync(name);
        for (int i = 1; i <= 12; i++)
        {
            await client.AppendAsync(name, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: mirror {i}\r\n\r\nbody {i}\r\n")));
        }

        string folder = Directory.CreateTempSubdirectory("imapclient-mirror-").FullName;
        string certificate = Path.Combine(folder, "..", Path.GetFileName(folder) + ".pem");
        await File.WriteAllTextAsync(certificate, DovecotFixture.Target.Certificate.ExportCertificatePem());
        try
        {
            string first = await RunAsync(folder, name, certificate);
            Assert.That(first, Does.Contain("downloaded 12 ").And.Contains("deleted 0, reflagged 0, 12 in all"));

            var box = await client.SelectAsync(name);
            await client.AppendAsync(name, "Subject: mirror 13\r\n\r\nbody 13\r\n"u8.ToArray());
            await box.AddFlagsAsync(UidSet.Parse("2"), MessageFlag.Seen);
            await box.AddFlagsAsync(UidSet.Parse("5:7"), MessageFlag.Deleted);
            await box.ExpungeAsync();
            await box.UnselectAsync();

            string second = await RunAsync(folder, name, certificate);
            Assert.That(second, Does.Contain("downloaded 1 ").And.Contains("deleted 3, reflagged 1, 10 in all"));
            var files = Directory.GetFiles(folder, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.That(files, Is.EqualTo(new[] { "10_.eml", "11_.eml", "12_.eml", "13_.eml", "1_.eml", "2_S.eml", "3_.eml", "4_.eml", "8_.eml", "9_.eml" }));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "13_.eml")), Is.EqualTo("Subject: mirror 13\r\n\r\nbody 13\r\n"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(certificate);
            await client.DeleteMailboxAsync(name);
        }
    }

    private static async Task<string> RunAsync(string folder, string mailbox, string certificate)
    {
        string testDirectory = TestContext.CurrentContext.TestDirectory;
        string configuration = testDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string root = testDirectory;
        while (!File.Exists(Path.Combine(root, "ImapClient.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("ImapClient.sln not found above the tests.");
        }

        string program = Path.Combine(root, "samples", "Mirror", "bin", configuration, "net10.0", "Mirror.dll");
        Assert.That(File.Exists(program), Is.True, $"{program} is built with the solution");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(mailbox);
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
