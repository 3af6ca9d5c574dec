using System.Text;
using Imap.Commands;
using Imap.Connection;
using Imap.Dispatch;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>
/// Write coalescing: commands queued behind one being written go out together in the next write, in order, as far as
/// the pipelining rules allow; nothing that needs a "+" is ever coalesced.
/// </summary>
public sealed class CoalescingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Commands_queued_behind_a_write_go_out_together_and_a_barrier_ends_the_batch()
    {
        var output = new RecordingOutput();
        using var dispatcher = new Dispatcher(output);
        var first = dispatcher.RunAsync(Raw("X1"), default);
        await output.WaitForWritesAsync(1);

        var queued = new[]
        {
            dispatcher.RunAsync(Raw("X2"), default),
            dispatcher.RunAsync(Raw("X3"), default),
            dispatcher.RunAsync(Raw("X4", CommandTraits.Barrier), default),
            dispatcher.RunAsync(Raw("X5"), default),
        };
        output.Release();
        await output.WaitForWritesAsync(2);
        Assert.That(output.Writes, Is.EqualTo(new[] { "A1 X1\r\n", "A2 X2\r\nA3 X3\r\n" }), "X4 is a barrier: it waits for X1 to X3");

        Complete(dispatcher, 1, 2, 3);
        await output.WaitForWritesAsync(3);
        Assert.That(output.Writes[2], Is.EqualTo("A4 X4\r\n"), "a barrier goes alone");

        Complete(dispatcher, 4);
        await output.WaitForWritesAsync(4);
        Assert.That(output.Writes[3], Is.EqualTo("A5 X5\r\n"));

        Complete(dispatcher, 5);
        var results = await Task.WhenAll(queued.Prepend(first)).WaitAsync(Wait);
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(ImapStatus.Ok));
        Assert.That(dispatcher.InFlightCount, Is.Zero);
    }

    [Test]
    public async Task A_command_with_a_synchronizing_literal_is_not_coalesced_and_the_commands_behind_it_wait_for_it()
    {
        var output = new RecordingOutput();
        using var dispatcher = new Dispatcher(output);
        var first = dispatcher.RunAsync(Raw("X1"), default);
        await output.WaitForWritesAsync(1);

        var plain = dispatcher.RunAsync(Raw("X2"), default);
        var literal = dispatcher.RunAsync(new RawCommand(new ImapCommand("X3") { Traits = CommandTraits.None }.Literal("ab"u8.ToArray())), default);
        var after = dispatcher.RunAsync(Raw("X4"), default);
        output.Release();
        await output.WaitForWritesAsync(3);

        Assert.That(output.Writes, Is.EqualTo(new[] { "A1 X1\r\n", "A2 X2\r\n", "A3 X3 {2}\r\n" }));

        dispatcher.OnResponse(new ContinuationResponse("go ahead"));
        await output.WaitForWritesAsync(5);
        Assert.That(output.Writes.Skip(3), Is.EqualTo(new[] { "ab\r\n", "A4 X4\r\n" }), "the literal's data, then the next command");

        Complete(dispatcher, 1, 2, 3, 4);
        await Task.WhenAll(first, plain, literal, after).WaitAsync(Wait);
    }

    [Test]
    public async Task A_command_cancelled_while_queued_is_left_out_of_the_batch()
    {
        var output = new RecordingOutput();
        using var dispatcher = new Dispatcher(output);
        var first = dispatcher.RunAsync(Raw("X1"), default);
        await output.WaitForWritesAsync(1);

        using var cancel = new CancellationTokenSource();
        var second = dispatcher.RunAsync(Raw("X2"), default);
        var cancelled = dispatcher.RunAsync(Raw("X3"), cancel.Token);
        var fourth = dispatcher.RunAsync(Raw("X4"), default);
        await cancel.CancelAsync();
        Assert.That(() => cancelled.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());

        output.Release();
        await output.WaitForWritesAsync(2);
        Assert.That(output.Writes[1], Is.EqualTo("A2 X2\r\nA4 X4\r\n"));

        Complete(dispatcher, 1, 2, 4);
        await Task.WhenAll(first, second, fourth).WaitAsync(Wait);
        Assert.That(dispatcher.InFlightCount, Is.Zero);
    }

    [Test]
    public async Task No_write_carries_more_than_the_batch_limit_and_every_command_is_written_once_in_order()
    {
        var output = new RecordingOutput();
        using var dispatcher = new Dispatcher(output);
        var first = dispatcher.RunAsync(Raw("X0"), default);
        await output.WaitForWritesAsync(1);

        string argument = new('x', 1000);
        var calls = Enumerable.Range(1, 300)
            .Select(i => dispatcher.RunAsync(new RawCommand(new ImapCommand("X" + i) { Traits = CommandTraits.None }.Atom(argument)), default))
            .ToList();
        output.Release();

        // Answer each command as it shows up, until all have been written.
        int answered = 0;
        while (answered < 301)
        {
            var tags = output.Writes.SelectMany(w => w.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
            for (; answered < tags.Count; answered++)
            {
                Complete(dispatcher, answered + 1);
            }

            await Task.Delay(5);
        }

        await Task.WhenAll(calls.Append(first)).WaitAsync(Wait);
        var lines = output.Writes.SelectMany(w => w.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(lines.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]), Is.EqualTo(Enumerable.Range(1, 301).Select(i => "A" + i)));
        Assert.That(output.Writes.Max(w => w.Length), Is.LessThanOrEqualTo(Dispatcher.MaxBatchBytes));
        Assert.That(output.Writes.Count, Is.LessThan(301 / 10), "the 300 queued commands went out in a few writes");
    }

    [Test(Description = "A queued command rebuilt without LITERAL+ was coalesced with its synchronizing literal, data and all.")]
    public async Task A_command_that_must_be_rebuilt_is_not_coalesced_and_its_literal_waits_for_the_continuation()
    {
        var output = new RecordingOutput();
        var session = new SessionState();
        session.SetCapabilities(["IMAP4rev1", "LITERAL+"]);
        using var dispatcher = new Dispatcher(output, session);
        var first = dispatcher.RunAsync(Raw("X1"), default);
        await output.WaitForWritesAsync(1);

        var plain = dispatcher.RunAsync(Raw("X2"), default);
        var literal = dispatcher.RunAsync(new RawCommand(new ImapCommand("X3") { Traits = CommandTraits.None }.Literal("ab"u8.ToArray())), default);

        // LITERAL+ is gone (capabilities changed): X3 must now wait for "+".
        session.SetCapabilities(["IMAP4rev1"]);
        output.Release();
        await output.WaitForWritesAsync(3);

        Assert.That(output.Writes, Is.EqualTo(new[] { "A1 X1\r\n", "A2 X2\r\n", "A3 X3 {2}\r\n" }));
        dispatcher.OnResponse(new ContinuationResponse("go ahead"));
        await output.WaitForWritesAsync(4);
        Assert.That(output.Writes[3], Is.EqualTo("ab\r\n"));

        Complete(dispatcher, 1, 2, 3);
        await Task.WhenAll(first, plain, literal).WaitAsync(Wait);
    }

    private static RawCommand Raw(string name, CommandTraits traits = CommandTraits.None) => new(new ImapCommand(name) { Traits = traits });

    private static void Complete(Dispatcher dispatcher, params int[] tags)
    {
        foreach (int tag in tags)
        {
            dispatcher.OnResponse(new TaggedResponse("A" + tag, ResponseStatus.Ok, null, "done"));
        }
    }

    /// <summary>Records every write; the first one blocks until <see cref="Release"/>, like a slow socket.</summary>
    private sealed class RecordingOutput : ICommandOutput
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> writes = [];

        public IReadOnlyList<string> Writes
        {
            get
            {
                lock (writes)
                {
                    return [.. writes];
                }
            }
        }

        public void Release() => gate.TrySetResult();

        public async Task WaitForWritesAsync(int count)
        {
            var until = DateTime.UtcNow + Wait;
            while (Writes.Count < count)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(until), $"waited for {count} writes, saw: {string.Join(" | ", Writes)}");
                await Task.Delay(5);
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            bool isFirst;
            lock (writes)
            {
                writes.Add(Encoding.ASCII.GetString(bytes.Span));
                isFirst = writes.Count == 1;
            }

            if (isFirst)
            {
                await gate.Task;
            }
        }
    }
}
