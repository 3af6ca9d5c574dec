using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Tests.Dispatch;

/// <summary>
/// Pooled commands (<see cref="ReusableCommand{TSelf, TResult}"/>): one goes back to its pool only once it succeeded,
/// its caller took the result and the reader loop has finished with it; a reused one starts as a new command; and many
/// callers reusing commands while others cancel and fail never see another caller's outcome. Each test has its own
/// command type, so its own pool: no other test can take its commands.
/// </summary>
public sealed class ReusableCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_command_that_succeeded_is_used_again_as_a_new_command()
    {
        var output = new LineOutput();
        using var dispatcher = new Dispatcher(output);
        var first = AfterSuccess.Rent();
        first.Argument = "one";
        var run = dispatcher.RunAsync(first, default);
        Assert.That(output.Lines.Reader.TryRead(out string? line), Is.True);
        Assert.That(line, Is.EqualTo("A1 X-ECHO one"));
        dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "one"));
        Assert.That(await run.WaitAsync(Wait), Is.EqualTo("one"));

        var again = AfterSuccess.Rent();
        Assert.That(again, Is.SameAs(first), "the pool gave the command back");
        Assert.That(again.IsCompleted, Is.False);
        Assert.That(again.TagNumber, Is.Zero);
        Assert.That(again.Built, Is.Null);

        again.Argument = "two";
        var second = dispatcher.RunAsync(again, default);
        Assert.That(output.Lines.Reader.TryRead(out line), Is.True);
        Assert.That(line, Is.EqualTo("A2 X-ECHO two"));
        dispatcher.OnResponse(new TaggedResponse("A2", ResponseStatus.Ok, null, "two"));
        Assert.That(await second.WaitAsync(Wait), Is.EqualTo("two"));
        Assert.That(dispatcher.Fault, Is.Null);
    }

    [Test]
    public async Task A_command_refused_by_the_server_is_not_used_again()
    {
        var output = new LineOutput();
        using var dispatcher = new Dispatcher(output);
        var refused = AfterRefusal.Rent();
        var run = dispatcher.RunAsync(refused, default);
        dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.No, null, "no"));

        Assert.That(() => run.WaitAsync(Wait), Throws.InstanceOf<ImapCommandException>());
        Assert.That(AfterRefusal.Rent(), Is.Not.SameAs(refused));
    }

    [Test]
    public async Task A_command_its_caller_gave_up_on_is_not_used_again_even_when_the_answer_comes()
    {
        var output = new LineOutput();
        using var dispatcher = new Dispatcher(output);
        using var cancel = new CancellationTokenSource();
        var abandoned = AfterCancellation.Rent();
        var run = dispatcher.RunAsync(abandoned, cancel.Token);
        Assert.That(output.Lines.Reader.TryRead(out _), Is.True, "sent before the caller gave up");

        await cancel.CancelAsync();
        Assert.That(() => run.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "late"));

        Assert.That(dispatcher.Fault, Is.Null);
        Assert.That(AfterCancellation.Rent(), Is.Not.SameAs(abandoned));
    }

    [Test(Description = "The caller's continuation can take the result while the reader loop is still inside Complete.")]
    public async Task A_command_goes_back_only_once_the_reader_loop_has_finished_with_it()
    {
        var output = new LineOutput();
        using var dispatcher = new Dispatcher(output);
        var command = WhileCompleting.Rent();
        using var finishing = new ManualResetEventSlim();
        using var mayReturn = new ManualResetEventSlim();
        command.Finishing = () =>
        {
            finishing.Set();
            Assert.That(mayReturn.Wait(Wait), Is.True);
        };

        var run = dispatcher.RunAsync(command, default);
        var reader = Task.Run(() => dispatcher.OnResponse(new TaggedResponse("A1", ResponseStatus.Ok, null, "done")));
        Assert.That(await run.WaitAsync(Wait), Is.EqualTo("done"), "the caller has its result");
        Assert.That(finishing.Wait(Wait), Is.True);

        Assert.That(WhileCompleting.Rent(), Is.Not.SameAs(command), "the reader loop still holds it");
        mayReturn.Set();
        await reader.WaitAsync(Wait);
        Assert.That(WhileCompleting.Rent(), Is.SameAs(command));
    }

    [Test]
    public async Task Callers_reusing_commands_among_cancellations_and_refusals_each_get_their_own_answer()
    {
        const int Callers = 16;
        const int Rounds = 300;
        var output = new LineOutput();
        using var dispatcher = new Dispatcher(output);
        using var stop = new CancellationTokenSource();
        var server = Task.Run(() => AnswerAsync(output, dispatcher, stop.Token));
        int succeeded = 0;
        int reused = 0;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<Stressed, byte>();

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            for (int round = 0; round < Rounds; round++)
            {
                string argument = string.Create(CultureInfo.InvariantCulture, $"c{caller}r{round}");
                var command = Stressed.Rent();
                if (!seen.TryAdd(command, 0))
                {
                    Interlocked.Increment(ref reused);
                }

                command.Argument = argument;
                using var cancel = new CancellationTokenSource();
                var run = dispatcher.RunAsync(command, cancel.Token);
                if (random.Next(8) == 0)
                {
                    await cancel.CancelAsync();
                }

                try
                {
                    string answer = await run;
                    Assert.That(answer, Is.EqualTo(argument));
                    Interlocked.Increment(ref succeeded);
                }
                catch (OperationCanceledException)
                {
                }
                catch (ImapCommandException e)
                {
                    Assert.That(e.Message, Does.Contain(argument));
                }
            }
        })).ToArray();

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await server;

        Assert.That(dispatcher.Fault, Is.Null);
        Assert.That(succeeded, Is.GreaterThan(Callers * Rounds / 2));
        Assert.That(reused, Is.GreaterThan(Callers * Rounds / 4), "commands were taken from the pool, not only made");
    }

    /// <summary>
    /// Reads the commands as they are written and answers each with its own argument, in small batches answered in
    /// reverse, one in seven with NO; one reader, as the connection's reader loop is.
    /// </summary>
    private static async Task AnswerAsync(LineOutput output, Dispatcher dispatcher, CancellationToken stop)
    {
        var batch = new List<string>();
        try
        {
            while (await output.Lines.Reader.WaitToReadAsync(stop))
            {
                while (batch.Count < 5 && output.Lines.Reader.TryRead(out string? line))
                {
                    batch.Add(line);
                }

                for (int i = batch.Count - 1; i >= 0; i--)
                {
                    string[] parts = batch[i].Split(' ');
                    var status = long.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture) % 7 == 0 ? ResponseStatus.No : ResponseStatus.Ok;
                    dispatcher.OnResponse(new TaggedResponse(parts[0], status, null, parts[2]));
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Takes every command line written (a plain command is one line), as the server would read them.</summary>
    private sealed class LineOutput : ICommandOutput
    {
        public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            foreach (string line in Encoding.ASCII.GetString(bytes.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                Lines.Writer.TryWrite(line);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>"X-ECHO argument": the server's text is the result, so a caller can tell its own answer.</summary>
    private abstract class EchoCommand<TSelf> : ReusableCommand<TSelf, string>
        where TSelf : EchoCommand<TSelf>, new()
    {
        public string Argument { get; set; } = "x";

        public Action? Finishing { get; set; }

        public override string Name => "X-ECHO " + Argument;

        public override CommandTraits Traits => CommandTraits.None;

        public override void Write(CommandWriter writer)
        {
            writer.WriteAtom("X-ECHO"u8);
            writer.WriteSpace();
            writer.WriteAtom(Encoding.ASCII.GetBytes(Argument));
        }

        protected override string GetResult(TaggedResponse tagged) => tagged.Text;

        protected override void OnFinished(Exception? error) => Finishing?.Invoke();
    }

    private sealed class AfterSuccess : EchoCommand<AfterSuccess>;

    private sealed class AfterRefusal : EchoCommand<AfterRefusal>;

    private sealed class AfterCancellation : EchoCommand<AfterCancellation>;

    private sealed class WhileCompleting : EchoCommand<WhileCompleting>;

    private sealed class Stressed : EchoCommand<Stressed>;
}
