using System.Buffers;
using Imap.Connection;
using Imap.Protocol;
using Imap.Protocol.Responses;
using Imap.Telemetry;

namespace Imap.Dispatch;

/// <summary>
/// The tag-correlating dispatcher (docs/design.md, decisions 3, 4, 6, 7): many commands in flight on one connection.
/// </summary>
/// <remarks>
/// <para>
/// <b>Writing.</b> There is no writer task. Submitted commands wait in a FIFO queue; the head goes on the wire as soon
/// as <see cref="PipelineGate"/> allows it beside the commands in flight. Sending is a baton: the command that holds
/// it is registered in the in-flight table under the state lock and then writes its own bytes, so the table's order is
/// the wire order. A command with a synchronizing literal or a SASL exchange keeps the baton until its last byte is
/// written, so no other command's bytes can come between, and only one command ever waits for a "+".
/// </para>
/// <para>
/// <b>Coalescing.</b> When the baton passes to a plain command (one segment, no exchange), the commands queued behind
/// it that the gate lets go too are registered right after it, in order, and their bytes are appended to its own
/// (up to <see cref="MaxBatchBytes"/>): many concurrent callers cost one write and one TLS record, not one each.
/// </para>
/// <para>
/// <b>Allocation.</b> A command is its own queue node, permit and completion (<see cref="PendingCommand"/> implements
/// the value-task sources), command buffers come from <see cref="CommandWriterPool"/>, the send path uses pooled
/// async state, and timeouts are enforced by one watchdog timer rather than a timer per command.
/// </para>
/// <para>
/// <b>Reading.</b> The connection's reader loop hands every response to <see cref="OnResponse"/>: a tagged response
/// completes its command; an untagged one is offered to the commands in flight, oldest first, which claim it by
/// content (UID membership, ESEARCH tag, mailbox name) or by kind when the kind carries no correlation; what nobody
/// claims is unsolicited and goes to <see cref="IDispatchEvents.OnUnsolicited"/>. The reader never waits for a caller:
/// completions run their continuations asynchronously. Commands are built as the connection's
/// <see cref="SessionState"/> says (docs/design.md, "Session state").
/// </para>
/// <para>
/// <b>Faults.</b> A NO or BAD fails only its command. <see cref="Fault"/> (connection lost, BYE, unknown tag, lost
/// framing, a timeout after a write) fails every queued and pending command at once with the same exception.
/// Cancellation before a command was written removes it unsent; after, the caller is released at once and the
/// command's remaining responses are claimed and dropped as they come. A command cancelled between its literal's
/// header and its data is finished in the background while it keeps the writer: its remaining segments as the server
/// asks for them, or, for an upload, filler and an ending the server must refuse (docs/design.md, decision 7).
/// </para>
/// <para>
/// <b>Files.</b> One job each: this file holds the shared state, the entry points and faults; Dispatcher.Queue.cs the
/// queue and coalescing; Dispatcher.Send.cs the writing; Dispatcher.Continuations.cs the "+" and background finishing;
/// Dispatcher.Routing.cs the routing of responses. <see cref="Watchdog"/> keeps the deadlines, <see cref="BodyRouter"/>
/// the bodies nobody has claimed yet, <see cref="CommandTag"/> the tags.
/// </para>
/// </remarks>
internal sealed partial class Dispatcher : IDisposable
{
    /// <summary>Most bytes one coalesced write carries.</summary>
    public const int MaxBatchBytes = 64 * 1024;

    private readonly object sync = new();
    private readonly CommandQueue queue = new();
    private readonly Dictionary<long, PendingCommand> byTag = [];
    private readonly List<PendingCommand> inFlight = [];
    private readonly ICommandOutput output;
    private readonly Watchdog watchdog;
    private readonly BodyRouter bodies = new();
    private readonly IDispatchEvents? events;
    private PendingCommand? writer;
    private Exception? fault;
    private PendingCommand[] claimCandidates = [];
    private int claimCount;
    private int claimVersion = -1;
    private int inFlightVersion;
    private long nextTag;

    /// <param name="output">Where commands are written.</param>
    /// <param name="session">The connection's session state; a fresh one (no capabilities) when null.</param>
    /// <param name="events">Who hears of unsolicited responses and of the fault; nobody when null.</param>
    public Dispatcher(ICommandOutput output, SessionState? session = null, IDispatchEvents? events = null)
    {
        this.output = output;
        this.events = events;
        Session = session ?? new SessionState();
        watchdog = new Watchdog(CheckDeadlines);
    }

    /// <summary>The connection's session state: commands are built with its <see cref="SessionState.WriterOptions"/>.</summary>
    public SessionState Session { get; }

    /// <summary>How commands are built now (LITERAL+, UTF-8); follows the session's capabilities.</summary>
    public CommandWriterOptions WriterOptions => Session.WriterOptions;

    /// <summary>Largest streamed body kept while its owner is unknown (see <see cref="OnBodyStart"/>).</summary>
    public long MaxUnclaimedBody
    {
        get => bodies.MaxUnclaimed;
        set => bodies.MaxUnclaimed = value;
    }

    /// <summary>
    /// How long the server may take to answer a command once its bytes are written (its completion, or the "+" its
    /// literal waits for) before the connection is declared broken. Checked by the <see cref="Watchdog"/>.
    /// </summary>
    public TimeSpan CommandTimeout
    {
        get => watchdog.CommandTimeout;
        set
        {
            lock (sync)
            {
                watchdog.Configure(value, watchdog.SilenceTimeout, run: fault is null);
            }
        }
    }

    /// <summary>
    /// How long the server may send nothing while a command waits for it before the link is presumed dead (see
    /// <see cref="ImapClientOptions.ServerSilenceTimeout"/>). Checked by the same watchdog.
    /// </summary>
    public TimeSpan SilenceTimeout
    {
        get => watchdog.SilenceTimeout;
        set
        {
            lock (sync)
            {
                watchdog.Configure(watchdog.CommandTimeout, value, run: fault is null);
            }
        }
    }

    /// <summary>The reader got bytes from the server: the link is alive.</summary>
    public void NoteReceived() => watchdog.NoteReceived();

    /// <summary>Where the protocol trace goes (nowhere by default).</summary>
    public ProtocolTrace Trace { get; set; } = ProtocolTrace.None;

    /// <summary>The connection's telemetry, for the commands' tags (none for a dispatcher without a connection).</summary>
    public ConnectionTelemetry Telemetry { get; set; } = ConnectionTelemetry.None;

    /// <summary>The metrics and activities of the commands running, while someone listens (docs/telemetry.md).</summary>
    public CommandTelemetryTable Commands { get; } = new();

    public Exception? Fault => fault;

    public int InFlightCount
    {
        get
        {
            lock (sync)
            {
                return inFlight.Count;
            }
        }
    }

    /// <summary>
    /// The names of the commands waiting in the queue, oldest first: held back by the gate or behind the command that
    /// holds the writer, so that no byte of theirs is on the wire yet. A held command writes nothing a test could see
    /// on the wire; tests prove that it waits by finding it here instead of watching the wire for a while.
    /// </summary>
    public IReadOnlyList<string> QueuedNames
    {
        get
        {
            lock (sync)
            {
                var names = new List<string>();
                for (var command = queue.First; command is not null; command = command.QueueNext)
                {
                    names.Add(command.Name);
                }

                return names;
            }
        }
    }

    /// <summary>
    /// Builds, queues, sends and awaits one command. Invalid arguments throw before anything is queued; cancellation
    /// before the write means the command is never sent.
    /// </summary>
    /// <remarks>
    /// When the command is written at once (the usual case: nothing ahead of it, and the socket takes the bytes), the
    /// caller's task is the command's own completion as a task, which is smaller than an async method's state; only a
    /// command that has to wait for the writer, or fails, goes through <see cref="FinishAsync"/>.
    /// </remarks>
    public Task<TResult> RunAsync<TResult>(PendingCommand<TResult> command, CancellationToken cancellationToken)
    {
        ValueTask sent;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Submit(command);
            sent = SendAsync(command, cancellationToken);
        }
        catch (Exception e)
        {
            // Handled where the awaited send's failures are, so that the caller sees the same task either way (a
            // cancelled task for the caller's cancellation, a faulted one otherwise).
            sent = ValueTask.FromException(e);
        }

        if (!sent.IsCompletedSuccessfully)
        {
            return FinishAsync(command, sent, cancellationToken);
        }

        // Gives a pooled send's state back (a no-op when it completed without suspending).
        sent.GetAwaiter().GetResult();
        ReturnBuilt(command);
        return command.WaitAsync(cancellationToken).AsTask();
    }

    /// <summary>Tags, builds and queues the command, and passes the writer on if it can go now.</summary>
    private void Submit(PendingCommand command)
    {
        command.TagNumber = Interlocked.Increment(ref nextTag);
        command.Built = Build(command);
        Commands.Start(command, Telemetry);
        lock (sync)
        {
            if (fault is not null)
            {
                throw Wrap(fault);
            }

            queue.AddLast(command);
            try
            {
                writer?.OnCommandQueued(command);
                Pump();
            }
            catch when (command.IsQueued)
            {
                // Not sent: it must not stay queued once its buffer goes back to the pool.
                queue.Remove(command);
                throw;
            }
        }
    }

    /// <summary>Waits for the send to finish (or reports how it failed), then for the server's answer.</summary>
    private async Task<TResult> FinishAsync<TResult>(PendingCommand<TResult> command, ValueTask sent, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await sent.ConfigureAwait(false);
            }
            finally
            {
                ReturnBuilt(command);
            }
        }
        catch (Exception e)
        {
            // Not sent (refused, cancelled while queued, rejected arguments, the connection gone): the command ends
            // here, so that whatever waits on its side (a FETCH's result stream) ends too. A command already failed
            // keeps its first outcome.
            Commands.Failed(command, e);
            command.Fail(e);
            throw;
        }

        return await command.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the command's built bytes back to the pool once they are written (or will never be).</summary>
    private static void ReturnBuilt(PendingCommand command)
    {
        if (command.Built is { } built)
        {
            command.Built = null;
            CommandWriterPool.Return(built);
        }
    }

    /// <summary>A response from the reader loop.</summary>
    public void OnResponse(ImapResponse response, ReadOnlySequence<byte> frame = default)
    {
        if (Trace.IsEnabled)
        {
            Trace.Received(frame, secret: response is ContinuationResponse && writer is { RedactsExchange: true });
        }

        switch (response)
        {
            case TaggedResponse tagged:
                OnTagged(tagged);
                break;
            case ContinuationResponse continuation:
                OnContinuation(continuation);
                break;
            default:
                OnUntagged(response, frame);
                break;
        }
    }

    /// <summary>
    /// Fails everything queued and in flight with <paramref name="error"/> and refuses new commands. Idempotent: the
    /// first cause wins.
    /// </summary>
    public void Shutdown(Exception error)
    {
        List<PendingCommand> queued;
        List<PendingCommand> failed;
        lock (sync)
        {
            if (fault is not null)
            {
                return;
            }

            fault = error;
            Trace.Ended(error);
            queued = queue.Drain();
            failed = [.. inFlight];
            inFlight.Clear();
            InFlightChanged();
            byTag.Clear();
            writer?.Continue?.TrySetResult(null);
            watchdog.Stop();
        }

        foreach (var command in queued)
        {
            Commands.Failed(command, error);
            command.TryRefuse(Wrap(error));
        }

        foreach (var command in failed)
        {
            Commands.Failed(command, error);
            command.Fail(Wrap(error));
        }

        events?.OnFaulted(error);
    }

    /// <summary>Stops the watchdog. <see cref="Shutdown"/> does too; this is for a dispatcher that never faulted.</summary>
    public void Dispose()
    {
        lock (sync)
        {
            watchdog.Stop();
        }
    }

    /// <summary>
    /// Starts the clock for every command in flight whose bytes are now all on the wire, except the writer when the
    /// "+" its write prompted has come already (see <see cref="Watchdog.Arm"/>).
    /// </summary>
    private void ArmDeadlines(PendingCommand writing, TaskCompletionSource<ContinuationResponse?>? prompted)
    {
        if (watchdog.IsOff)
        {
            return;
        }

        long now = Environment.TickCount64;
        lock (sync)
        {
            watchdog.Arm(inFlight, writing, writerAnswered: prompted is { Task.IsCompleted: true }, now);
        }
    }

    /// <summary>
    /// The watchdog's tick: a command the server left unanswered too long, or a server silent too long while a command
    /// waits for it, breaks the connection.
    /// </summary>
    private void CheckDeadlines()
    {
        long now = Environment.TickCount64;
        ImapTimeoutException? timeout;
        lock (sync)
        {
            timeout = watchdog.Check(inFlight, writer, now);
        }

        if (timeout is not null)
        {
            Shutdown(timeout);
        }
    }

    private static Exception Wrap(Exception error) => error switch
    {
        ImapTimeoutException t => new ImapTimeoutException(t.Message, t),
        ImapProtocolException p => new ImapProtocolException(p.Message, p),
        ImapException i => new ImapConnectionException(i.Message, i),
        _ => new ImapConnectionException("The connection failed: " + error.Message, error),
    };
}
