using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Imap.TestServer;

namespace Imap.IntegrationTests;

/// <summary>
/// A sample program from samples/, as built with the solution, run against the test server with the environment
/// scripts/demo.sh would give it. Its output is read line by line as it comes, so a test can act on what it printed.
/// </summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder output = new();
    private readonly Task<string> error;
    private readonly Task pump;
    private readonly string certificate;

    private SampleProcess(Process process, string certificate)
    {
        this.process = process;
        this.certificate = certificate;
        error = process.StandardError.ReadToEndAsync();
        pump = PumpAsync();
    }

    /// <summary>Everything the program printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts samples/NAME with these arguments.</summary>
    public static Task<SampleProcess> StartAsync(string name, params string[] arguments) => StartAsAsync(DovecotFixture.Target.User, name, arguments);

    /// <summary>Starts samples/NAME with these arguments, logged in as <paramref name="user"/>.</summary>
    public static async Task<SampleProcess> StartAsAsync(TestUser user, string name, params string[] arguments)
    {
        string testDirectory = TestContext.CurrentContext.TestDirectory;
        string configuration = testDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string root = testDirectory;
        while (!File.Exists(Path.Combine(root, "ImapClient.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("ImapClient.sln not found above the tests.");
        }

        string program = Path.Combine(root, "samples", name, "bin", configuration, "net10.0", name + ".dll");
        Assert.That(File.Exists(program), Is.True, $"{program} is built with the solution");
        string certificate = Path.Combine(Path.GetTempPath(), $"imapclient-sample-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(certificate, DovecotFixture.Target.Certificate.ExportCertificatePem());

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var target = DovecotFixture.Target;
        start.Environment["IMAP_HOST"] = target.Host;
        start.Environment["IMAPS_PORT"] = target.ImapsPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["IMAP_CERT"] = certificate;
        start.Environment["IMAP_USER"] = user.Name;
        start.Environment["IMAP_PASSWORD"] = user.Password;
        return new SampleProcess(Process.Start(start)!, certificate);
    }

    /// <summary>Runs samples/NAME to its end; asserts it exited with 0 and returns what it printed.</summary>
    public static Task<string> RunAsync(string name, params string[] arguments) => RunAsAsync(DovecotFixture.Target.User, name, arguments);

    /// <summary>Runs samples/NAME to its end as <paramref name="user"/>; asserts it exited with 0 and returns what it printed.</summary>
    public static async Task<string> RunAsAsync(TestUser user, string name, params string[] arguments)
    {
        await using var sample = await StartAsAsync(user, name, arguments);
        return await sample.WaitForExitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Waits for the next printed line that contains <paramref name="text"/>, and returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                string line = await lines.Reader.ReadAsync(limit.Token);
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            Assert.Fail($"No line with \"{text}\" within {timeout}. Output:\n{Output}\nErrors:\n{(error.IsCompleted ? await error : "")}");
            throw;
        }
    }

    /// <summary>Waits for the program to end; asserts it exited with 0 and returns what it printed.</summary>
    public async Task<string> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout);
        await pump;
        Assert.That(process.ExitCode, Is.Zero, $"Output:\n{Output}\nErrors:\n{await error}");
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        File.Delete(certificate);
    }

    private async Task PumpAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            lines.Writer.TryWrite(line);
        }

        lines.Writer.TryComplete();
    }
}
