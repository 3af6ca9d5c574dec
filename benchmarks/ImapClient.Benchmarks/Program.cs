using System.Globalization;
using BenchmarkDotNet.Running;
using Imap.Benchmarks.Connections;

namespace Imap.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release -- --filter '*'</c> runs the BenchmarkDotNet suites (or pick interactively);
/// <c>dotnet run -c Release -- idle-connections [count] [--imapclient-only] [--plain-only|--tls-only] [--hold]</c>
/// measures memory per idle connection (--hold keeps each ImapClient variant open two minutes for a heap dump);
/// <c>dotnet run -c Release -- summaries-cpu [passes] [--every-pass] [--cold-server] [--plain]</c> measures process CPU
/// of fetching summaries, cold and warm;
/// <c>dotnet run -c Release -- connect-trace [--plain]</c> shows the wire of a connect with timestamps. Exits non-zero when
/// a benchmark could not run (no Dovecot, a failed setup) instead of printing nothing.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "idle-connections")
        {
            int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
            bool imapClientOnly = args.Contains("--imapclient-only");
            string[] transports = args.Contains("--tls-only") ? ["tls"] : args.Contains("--plain-only") ? ["plain"] : ["plain", "tls"];
            return await IdleConnectionsRun.RunAsync(count, imapClientOnly, holdFor: args.Contains("--hold") ? TimeSpan.FromMinutes(2) : TimeSpan.Zero, transports);
        }

        if (args.Length > 0 && args[0] == "summaries-cpu")
        {
            int passes = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int given) ? given : 10;
            return await SummaryCpuRun.RunAsync(passes, everyPass: args.Contains("--every-pass"), coldServer: args.Contains("--cold-server"), plain: args.Contains("--plain"));
        }

        if (args.Length > 0 && args[0] == "connect-trace")
        {
            return await ConnectTraceRun.RunAsync(plain: args.Contains("--plain"));
        }

        if (args.Length > 0 && args[0] == "summaries-child")
        {
            return await SummaryCpuRun.RunChildAsync(args);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig()).ToList();
        var failed = summaries
            .SelectMany(summary => summary.Reports)
            .Where(report => !report.Success || report.ResultStatistics is null)
            .Select(report => report.BenchmarkCase.DisplayInfo)
            .ToList();
        if (summaries.Any(summary => summary.HasCriticalValidationErrors))
        {
            failed.Add("validation failed (see above)");
        }

        if (!summaries.SelectMany(summary => summary.Reports).Any())
        {
            failed.Add("no benchmark was selected or none could be built (see above)");
        }

        foreach (string name in failed)
        {
            Console.Error.WriteLine($"benchmark did not run: {name}");
        }

        return failed.Count == 0 ? 0 : 1;
    }
}
