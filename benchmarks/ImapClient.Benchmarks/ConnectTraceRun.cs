using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Imap.Benchmarks;

/// <summary>
/// The wire of one connect, authenticate and EXAMINE INBOX through the 10 ms round-trip proxy, each line with the
/// milliseconds since the start: where every round trip goes. <c>dotnet run -c Release -- connect-trace [--plain]</c>;
/// with --plain the login is AUTHENTICATE PLAIN with its initial response (one round trip) instead of the SCRAM the
/// client prefers (three).
/// </summary>
public static class ConnectTraceRun
{
    public static async Task<int> RunAsync(bool plain)
    {
        await using var server = await LiveServer.StartAsync(100);

        // One untraced connection first, so the traced one shows the protocol rather than JIT compilation.
        await using (var warm = await ImapClient.ConnectAsync(Options(server, null, plain)))
        {
            await warm.ExamineAsync("INBOX");
        }

        var logger = new TimedLogger();
        await using var client = await ImapClient.ConnectAsync(Options(server, logger, plain));
        logger.Note("ConnectAsync returned");
        var inbox = await client.ExamineAsync("INBOX");
        logger.Note($"ExamineAsync returned ({inbox.Count} messages)");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"total {logger.Elapsed.TotalMilliseconds:F1} ms = {logger.Elapsed.TotalMilliseconds / (2 * LiveServer.OneWayDelay.TotalMilliseconds):F1} round trips of {2 * LiveServer.OneWayDelay.TotalMilliseconds:F0} ms (TCP and TLS handshakes are not in the trace)"));
        return 0;
    }

    private static ImapClientOptions Options(LiveServer server, ILogger? logger, bool plain) =>
        plain
            ? new ImapClientOptions(ConnectBenchmarks.Options(server, logger)) { AllowedMechanisms = AuthenticationMechanisms.Plain }
            : ConnectBenchmarks.Options(server, logger);

    private sealed class TimedLogger : ILogger
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public TimeSpan Elapsed => clock.Elapsed;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string line = formatter(state, exception);
            Note(line.Length > 160 ? line[..160] + " ..." : line);
        }

        public void Note(string text) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds,8:F1} ms  {text}"));
    }
}
