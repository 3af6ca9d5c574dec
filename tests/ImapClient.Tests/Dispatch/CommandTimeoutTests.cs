using System.Text;
using Imap.Commands;
using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>
/// The command timeout counts only time the client waits for the server: not time spent writing, and not an IDLE the
/// server has acknowledged and the client holds open.
/// </summary>
public sealed class CommandTimeoutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task An_acknowledged_idle_held_longer_than_the_timeout_is_not_a_timeout()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 IDLE", Timeout);
        await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");

        await Task.Delay(Timeout * 4);
        Assert.That(h.Client.IsConnected, Is.True, "the client, not the server, is holding IDLE open");

        await stop.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));
        await h.Server.SendAsync($"{command.Tag} OK Idle completed.\r\n");
        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_server_silent_after_done_times_out()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 IDLE", Timeout);
        await h.SelectInboxAsync();
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ idling\r\n");
        await stop.CancelAsync();
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo("DONE"));

        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<ImapTimeoutException>());
        Assert.That(h.Client.IsConnected, Is.False);
    }

    [Test]
    public async Task Time_spent_writing_does_not_count()
    {
        var output = new SlowOutput(Timeout * 3);
        using var dispatcher = new Dispatcher(output) { CommandTimeout = Timeout };
        var command = dispatcher.RunAsync(new RawCommand(new ImapCommand("X-SLOW-WRITE") { Traits = CommandTraits.None }), default);

        await output.Written.Task.WaitAsync(Wait);
        dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "done"));

        Assert.That((await command.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(dispatcher.Fault, Is.Null);
    }

    [Test]
    public async Task A_command_the_server_never_answers_fails_with_a_timeout_after_the_write()
    {
        var output = new SlowOutput(TimeSpan.Zero);
        using var dispatcher = new Dispatcher(output) { CommandTimeout = Timeout };
        var started = DateTime.UtcNow;
        var command = dispatcher.RunAsync(new RawCommand(new ImapCommand("X-NEVER") { Traits = CommandTraits.None }), default);

        Assert.That(() => command.WaitAsync(Wait), Throws.InstanceOf<ImapTimeoutException>().With.Message.Contains("X-NEVER"));
        Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(20)));
        Assert.That(dispatcher.Fault, Is.InstanceOf<ImapTimeoutException>());
    }

    [Test(Description = "A \"+\" that came before the IDLE write returned was followed by arming the deadline, so IDLE timed out.")]
    public async Task An_idle_acknowledged_before_its_write_returned_is_not_timed()
    {
        Dispatcher dispatcher = null!;
        var output = new AnsweringOutput(text =>
        {
            if (text.EndsWith(" IDLE\r\n", StringComparison.Ordinal))
            {
                dispatcher.OnResponse(new ContinuationResponse("idling"));
            }
        });
        using (dispatcher = new Dispatcher(output) { CommandTimeout = Timeout })
        {
            using var stop = new CancellationTokenSource();
            var idle = dispatcher.RunAsync(new IdleCommand(System.Threading.Timeout.InfiniteTimeSpan, stop.Token), default);
            await Task.Delay(Timeout * 4);

            Assert.That(dispatcher.Fault, Is.Null, dispatcher.Fault?.Message);
            await stop.CancelAsync();
            await output.WaitForAsync("DONE\r\n");
            dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "done"));
            Assert.That(async () => await idle.WaitAsync(Wait), Throws.Nothing);
        }
    }

    [Test]
    public async Task A_literal_whose_continuation_came_at_once_may_take_longer_than_the_timeout_to_write()
    {
        Dispatcher dispatcher = null!;
        var output = new AnsweringOutput(
            text =>
            {
                if (text.EndsWith("{2}\r\n", StringComparison.Ordinal))
                {
                    dispatcher.OnResponse(new ContinuationResponse("go ahead"));
                }
                else if (text == "ab\r\n")
                {
                    dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "done"));
                }
            },
            slowWrite: "ab\r\n",
            delay: Timeout * 3);
        using (dispatcher = new Dispatcher(output) { CommandTimeout = Timeout })
        {
            var command = dispatcher.RunAsync(new RawCommand(new ImapCommand("X-LIT") { Traits = CommandTraits.None }.Literal("ab"u8.ToArray())), default);

            Assert.That((await command.WaitAsync(Wait)).Status, Is.EqualTo(ImapStatus.Ok));
            Assert.That(dispatcher.Fault, Is.Null, dispatcher.Fault?.Message);
        }
    }

    /// <summary>Calls <c>answer</c> with each write's text before the write returns; one write may be slow.</summary>
    private sealed class AnsweringOutput(Action<string> answer, string? slowWrite = null, TimeSpan delay = default) : ICommandOutput
    {
        private readonly List<string> writes = [];

        public async Task WaitForAsync(string text)
        {
            var until = DateTime.UtcNow + Wait;
            while (true)
            {
                lock (writes)
                {
                    if (writes.Contains(text))
                    {
                        return;
                    }
                }

                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"waited for the write \"{text}\"");
                await Task.Delay(5);
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            string text = Encoding.ASCII.GetString(bytes.Span);
            lock (writes)
            {
                writes.Add(text);
            }

            if (text == slowWrite)
            {
                await Task.Delay(delay, CancellationToken.None);
            }

            answer(text);
            await Task.Yield();
        }
    }

    /// <summary>An output whose writes take a fixed time, like a congested link.</summary>
    private sealed class SlowOutput(TimeSpan delay) : ICommandOutput
    {
        public TaskCompletionSource<string> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            Written.TrySetResult(Encoding.ASCII.GetString(bytes.Span));
        }
    }

    [Test(Description = "CommandTimeout did not cover waiting for a continuation, so a silent server held the connection forever.")]
    public async Task The_command_timeout_covers_waiting_for_a_continuation()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1", TimeSpan.FromMilliseconds(300));
        var login = h.Client.LoginAsync("us er\u00e9", "pa\"ss\r");
        await h.Server.ReadLineAsync();

        Assert.ThrowsAsync<ImapTimeoutException>(() => login.WaitAsync(Wait));
        Assert.That(h.Client.IsConnected, Is.False);
    }

    [Test(Description = "An IDLE the server never acknowledges ignored its cancellation; the command timeout now bounds it.")]
    public async Task Idle_without_a_continuation_ends_with_the_command_timeout()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 IDLE", TimeSpan.FromMilliseconds(300));
        using var stop = new CancellationTokenSource();
        var idle = h.Client.IdleAsync(stop.Token);
        await h.Server.ReadCommandAsync();
        await stop.CancelAsync();

        Assert.That(() => idle.WaitAsync(Wait), Throws.InstanceOf<ImapException>());
    }
}
