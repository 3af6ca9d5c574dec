using System.Diagnostics;
using System.Text;

namespace Imap.TestServer;

/// <summary>Runs <c>scripts/dovecot/dovecot.sh</c> and turns failures into <see cref="DovecotException"/>.</summary>
internal static class DovecotScript
{
    private static readonly string[] DovecotLocations = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];

    /// <summary>Whether a <c>dovecot</c> executable is on PATH or in the usual sbin folders.</summary>
    public static bool IsDovecotInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "dovecot")))
            {
                return true;
            }
        }

        return DovecotLocations.Any(File.Exists);
    }

    /// <summary>Runs the script with the arguments; returns its standard output.</summary>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <param name="instanceDirectory">The instance folder whose log tail goes into errors, if any.</param>
    /// <param name="timeout">How long the script may run.</param>
    /// <param name="arguments">The subcommand and its arguments.</param>
    /// <param name="cancellationToken">Cancels the run (the script is killed).</param>
    public static async Task<string> RunAsync(string repositoryRoot, string? instanceDirectory, TimeSpan timeout, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "scripts", "dovecot", "dovecot.sh");
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = repositoryRoot,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = "bash " + script + " " + string.Join(' ', arguments);
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new DovecotException("Could not run '" + commandLine + "': " + exception.Message, exception);
        }

        process.StandardInput.Close();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var error = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            await Task.WhenAll(output, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new DovecotException(Describe("'" + commandLine + "' did not finish within " + timeout.TotalSeconds + " s.", null, null, instanceDirectory));
        }

        if (process.ExitCode != 0)
        {
            throw new DovecotException(Describe("'" + commandLine + "' failed with exit code " + process.ExitCode + ".", output.Result, error.Result, instanceDirectory));
        }

        return output.Result;
    }

    /// <summary>Builds an error message with the script output and the tail of the instance's <c>dovecot.log</c>.</summary>
    public static string Describe(string what, string? output, string? error, string? instanceDirectory)
    {
        var message = new StringBuilder(what);
        if (!string.IsNullOrWhiteSpace(output))
        {
            message.Append("\n--- stdout ---\n").Append(output.TrimEnd());
        }

        if (!string.IsNullOrWhiteSpace(error))
        {
            message.Append("\n--- stderr ---\n").Append(error.TrimEnd());
        }

        // The script prints the log tail itself when starting fails.
        var log = instanceDirectory is null || (error?.Contains("last lines of", StringComparison.Ordinal) ?? false) ? null : LogTail(instanceDirectory, 40);
        if (log is not null)
        {
            message.Append("\n--- tail of ").Append(Path.Combine(instanceDirectory!, "dovecot.log")).Append(" ---\n").Append(log);
        }

        return message.ToString();
    }

    /// <summary>The last lines of <c>DIR/dovecot.log</c>, or <see langword="null"/> when it cannot be read.</summary>
    public static string? LogTail(string instanceDirectory, int lines)
    {
        try
        {
            var path = Path.Combine(instanceDirectory, "dovecot.log");
            if (!File.Exists(path))
            {
                return null;
            }

            var all = File.ReadAllLines(path);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
