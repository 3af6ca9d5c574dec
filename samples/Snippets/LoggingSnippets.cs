using Imap;
using Microsoft.Extensions.Logging;

namespace Snippets;

/// <summary>The code of docs/logging.md.</summary>
public static class LoggingSnippets
{
    public static async Task TraceAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        #region logging-trace
        // Any ILogger: from your host's DI container, or LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Trace)).
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.Password("alice", "secret"),
            Logger = loggerFactory.CreateLogger("Imap.Protocol"),
        }, cancellationToken);
        #endregion
    }
}
