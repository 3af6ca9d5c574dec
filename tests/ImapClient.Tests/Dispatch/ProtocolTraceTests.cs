using Microsoft.Extensions.Logging;

namespace Imap.Tests.Dispatch;

/// <summary>The protocol trace: what is sent and received, with secrets hidden and hostile bytes made harmless.</summary>
public sealed class ProtocolTraceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Login_is_traced_with_the_password_hidden_even_when_it_goes_as_a_literal()
    {
        var log = new ListLogger();
        await using var h = await ClientHarness.ConnectAsync(logger: log);
        var login = h.Client.LoginAsync("alice", "pa55\r\nword");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] Logged in\r\n");
        await login.WaitAsync(Wait);

        var lines = log.Lines;
        Assert.That(lines, Has.Some.Match($"^C: {command.Tag} LOGIN alice \\*\\*\\*$"));
        Assert.That(string.Join("\n", lines), Does.Not.Contain("pa55").And.Not.Contain("word").And.Not.Contain("{10"));
        Assert.That(lines, Has.Some.EqualTo($"S: {command.Tag} OK [CAPABILITY IMAP4rev1] Logged in"));
    }

    [Test]
    public async Task A_sasl_exchange_is_hidden_in_both_directions()
    {
        var log = new ListLogger();
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 AUTH=PLAIN", logger: log);
        var auth = h.Client.AuthenticatePlainAsync("alice", "s3cret");
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ \r\n");
        string response = await h.Server.ReadLineAsync();
        await h.Server.SendAsync($"{command.Tag} OK [CAPABILITY IMAP4rev1] done\r\n");
        await auth.WaitAsync(Wait);

        string all = string.Join("\n", log.Lines);
        Assert.That(response, Is.Not.Empty);
        Assert.That(all, Does.Not.Contain(response));
        Assert.That(log.Lines, Has.Some.EqualTo("S: + ***").And.Some.EqualTo("C: ***"));
    }

    [Test]
    public async Task Control_characters_from_the_server_cannot_forge_log_lines()
    {
        var log = new ListLogger();
        await using var h = await ClientHarness.ConnectAsync(logger: log);
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* OK fine\u001b[2J\rC: A9 LOGIN forged\r\n{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);

        Assert.That(log.Lines, Has.Some.EqualTo("S: * OK fine\\x1B[2J\\x0DC: A9 LOGIN forged"));
        Assert.That(log.Lines, Has.None.StartsWith("C: A9"));
    }

    [Test]
    public async Task A_long_line_is_cut_with_the_count_of_what_was_left_out()
    {
        var log = new ListLogger();
        await using var h = await ClientHarness.ConnectAsync(logger: log);
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        string text = new('x', 5000);
        await h.Server.SendAsync($"* OK {text}\r\n{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);

        string traced = log.Lines.Single(l => l.StartsWith("S: * OK x", StringComparison.Ordinal));
        Assert.That(traced, Does.EndWith($" ... ({"* OK ".Length + text.Length - 2048} more bytes)"));
        Assert.That(traced.Length, Is.LessThan(2048 + 40));
    }

    [Test]
    public async Task Nothing_is_formatted_when_trace_is_off()
    {
        var log = new ListLogger { MinimumLevel = LogLevel.Information };
        await using var h = await ClientHarness.ConnectAsync(logger: log);
        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        await noop.WaitAsync(Wait);

        Assert.That(log.Lines, Is.Empty);
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> lines = [];

        public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
