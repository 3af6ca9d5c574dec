using System.Buffers;
using System.Globalization;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// The tag-correlating dispatcher (DESIGN.md decisions 3, 4, 6, 7): many commands in flight on one connection.
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
/// <b>Reading.</b> The connection's reader loop hands every response to <see cref="OnResponse"/>: a tagged response
/// completes its command; an untagged one is offered to the commands in flight, oldest first, which claim it by
/// content (UID membership, ESEARCH tag, mailbox name) or by kind when the kind carries no correlation; what nobody
/// claims is unsolicited and goes to <see cref="Unsolicited"/>. The reader never waits for a caller: completions run
/// their continuations asynchronously.
/// </para>
/// <para>
/// <b>Faults.</b> A NO or BAD fails only its command. <see cref="Fault"/> (connection lost, BYE, unknown tag, lost
/// framing, a timeout after a write) fails every queued and pending command at once with the same exception.
/// Cancellation before a command was written removes it unsent; after, the caller is released at once and the
/// command's remaining responses are claimed and dropped as they come.
/// </para>
/// </remarks>
internal sealed class Dispatcher
{
    private readonly object sync = new();
    private readonly LinkedList<Entry> queue = new();
    private readonly Dictionary<string, PendingCommand> byTag = new(StringComparer.Ordinal);
    private readonly List<PendingCommand> inFlight = [];
    private readonly ICommandOutput output;
    private Entry? writer;
    private Exception? fault;
    private PendingCommand? bodyOwner;
    private FetchResponse? unclaimedFetch;
    private ArrayBufferWriter<byte>? unclaimedBody;
    private PendingCommand[] claimCandidates = new PendingCommand[16];
    private long nextTag;

    public Dispatcher(ICommandOutput output)
    {
        this.output = output;
    }

    /// <summary>Sees every untagged and tagged response first, for connection-wide state such as capabilities.</summary>
    public Action<ImapResponse>? Observe { get; set; }

    /// <summary>Receives untagged responses no command claimed.</summary>
    public Action<ImapResponse>? Unsolicited { get; set; }

    /// <summary>Options for building commands; updated as capabilities change (LITERAL+, UTF-8).</summary>
    public CommandWriterOptions WriterOptions { get; set; } = CommandWriterOptions.Default;

    /// <summary>Largest streamed body kept while its owner is unknown (see <see cref="OnBodyStart"/>).</summary>
    public long MaxUnclaimedBody { get; set; } = ImapLimits.Default.MaxLiteralSize;

    /// <summary>How long a sent command may take before the connection is declared broken.</summary>
    public TimeSpan CommandTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Called once when the dispatcher faults, to close the transport.</summary>
    public Action<Exception>? Faulted { get; set; }

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
    /// Builds, queues, sends and awaits one command. Invalid arguments throw before anything is queued; cancellation
    /// before the write means the command is never sent.
    /// </summary>
    public async Task<TResult> RunAsync<TResult>(PendingCommand<TResult> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        command.Tag = "A" + Interlocked.Increment(ref nextTag).ToString(CultureInfo.InvariantCulture);
        var entry = new Entry(command, Build(command));

        lock (sync)
        {
            if (fault is not null)
            {
                entry.Writer.Dispose();
                throw Wrap(fault);
            }

            entry.Node = queue.AddLast(entry);
            writer?.Command.OnCommandQueued(command);
            Pump();
        }

        try
        {
            await SendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.Writer.Dispose();
        }

        return await AwaitCompletionAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A response from the reader loop.</summary>
    public void OnResponse(ImapResponse response, ReadOnlySequence<byte> frame = default)
    {
        Observe?.Invoke(response);
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
    /// A response that did not parse was skipped. If it carried the tag of a pending command, that command fails
    /// (with the parse error) rather than waiting forever; everything else goes on.
    /// </summary>
    public void OnMalformed(ReadOnlySequence<byte> frame, ParseError error)
    {
        var reader = new SequenceReader<byte>(frame);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)' ') || first.Length is 0 or > 32)
        {
            return;
        }

        string tag = System.Text.Encoding.ASCII.GetString(first.ToArray());
        PendingCommand? command;
        lock (sync)
        {
            if (!byTag.Remove(tag, out command))
            {
                return;
            }

            inFlight.Remove(command);
            if (writer?.Command == command)
            {
                writer.Continue.TrySetResult(null);
            }
        }

        command.Fail(error.ToException());
        lock (sync)
        {
            Pump();
        }
    }

    public void OnBodyStart(FetchResponse prefix, PendingBody body)
    {
        lock (sync)
        {
            bodyOwner = inFlight.Find(c => c.ClaimsBody(prefix));
        }

        if (bodyOwner is not null)
        {
            bodyOwner.OnBodyStart(prefix, body);
            return;
        }

        // Nobody can tell yet whose body this is (the UID comes after the literal, which RFC 9051 allows): keep it,
        // within the limit for buffered values, and attach it to the response once that is complete.
        unclaimedFetch = prefix;
        unclaimedBody = new ArrayBufferWriter<byte>((int)Math.Min(body.Length, 64 * 1024) + 1);
    }

    public void OnBodyData(ReadOnlySequence<byte> data)
    {
        if (bodyOwner is not null)
        {
            bodyOwner.OnBodyData(data);
        }
        else if (unclaimedBody is not null)
        {
            if (unclaimedBody.WrittenCount + data.Length > MaxUnclaimedBody)
            {
                unclaimedBody = null;
                return;
            }

            foreach (var segment in data)
            {
                unclaimedBody.Write(segment.Span);
            }
        }
    }

    public void OnBodyEnd()
    {
        bodyOwner?.OnBodyEnd();
        bodyOwner = null;
        if (unclaimedFetch?.Sections is { Count: > 0 } sections && sections[^1].IsStreamed)
        {
            sections[^1] = sections[^1] with { Data = unclaimedBody?.WrittenSpan.ToArray(), IsStreamed = unclaimedBody is null };
        }

        unclaimedFetch = null;
        unclaimedBody = null;
    }

    /// <summary>
    /// Fails everything queued and in flight with <paramref name="error"/> and refuses new commands. Idempotent: the
    /// first cause wins.
    /// </summary>
    public void Shutdown(Exception error)
    {
        List<PendingCommand> failed;
        lock (sync)
        {
            if (fault is not null)
            {
                return;
            }

            fault = error;
            failed = [.. inFlight, .. queue.Select(e => e.Command)];
            foreach (var entry in queue)
            {
                entry.Node = null;
                entry.Permit.TrySetException(Wrap(error));
            }

            queue.Clear();
            inFlight.Clear();
            byTag.Clear();
            writer?.Continue.TrySetResult(null);
        }

        foreach (var command in failed)
        {
            command.Fail(Wrap(error));
        }

        Faulted?.Invoke(error);
    }

    private CommandWriter Build(PendingCommand command)
    {
        var built = new CommandWriter(WriterOptions);
        try
        {
            built.WriteTag(System.Text.Encoding.ASCII.GetBytes(command.Tag));
            built.WriteSpace();
            command.Write(built);
            built.EndCommand();
            return built;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    private async Task SendAsync(Entry entry, CancellationToken cancellationToken)
    {
        try
        {
            await entry.Permit.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (sync)
            {
                if (entry.Node is not null)
                {
                    // Still queued: it was never sent and never will be.
                    queue.Remove(entry.Node);
                    entry.Node = null;
                    Pump();
                    throw;
                }
            }

            // The permit raced the cancellation: the command holds the writer but wrote nothing; it is given back
            // below, unsent.
        }

        var command = entry.Command;
        if (cancellationToken.IsCancellationRequested)
        {
            // Permitted but not a byte written yet: give the slot back; the command was never sent.
            lock (sync)
            {
                inFlight.Remove(command);
                byTag.Remove(command.Tag);
                if (writer == entry)
                {
                    writer = null;
                }

                Pump();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            var built = entry.Writer;
            for (int segment = 0; segment < built.SegmentCount; segment++)
            {
                if (segment > 0)
                {
                    // A synchronizing literal: wait for "+", unless the server already refused the command.
                    var go = await WaitForContinuationAsync(entry, cancellationToken).ConfigureAwait(false);
                    if (go is null || command.IsCompleted)
                    {
                        break;
                    }
                }

                await WriteInChunksAsync(entry, built.GetSegment(segment), cancellationToken).ConfigureAwait(false);
            }

            while (command.ExpectsChallenges && !command.IsCompleted)
            {
                var challenge = await WaitForContinuationAsync(entry, CancellationToken.None).ConfigureAwait(false);
                if (command.IsCompleted || challenge is null)
                {
                    break;
                }

                byte[]? reply = await command.OnChallengeAsync(challenge).ConfigureAwait(false);
                if (command.IsCompleted)
                {
                    // The server ended the exchange while we were deciding (an IDLE it closed itself): say nothing.
                    break;
                }

                if (reply is null)
                {
                    throw new ImapProtocolException($"Unexpected continuation request during {command.Name}.");
                }

                await output.WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Part of the command is on the wire and cannot be taken back (an APPEND cancelled inside its literal):
            // the connection's state is unknown, so it is closed and everything pending fails.
            command.Abandoned = true;
            Shutdown(new ImapConnectionException($"{command.Name} was cancelled in the middle of its data; the connection was closed."));
            throw;
        }
        catch (Exception e) when (e is IOException or ImapException or ObjectDisposedException)
        {
            Shutdown(e is ImapException ? e : new ImapConnectionException("The connection failed while sending " + command.Name + ".", e));
        }
        finally
        {
            lock (sync)
            {
                if (writer == entry)
                {
                    writer = null;
                }

                Pump();
            }
        }

        // A write failure has already failed the command (and everything else); RunAsync reports it.
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Writes a segment in pieces, so that a large literal can be cancelled between pieces (which then closes the
    /// connection); a small command goes out in one write.
    /// </summary>
    private async Task WriteInChunksAsync(Entry entry, ReadOnlyMemory<byte> segment, CancellationToken cancellationToken)
    {
        const int Chunk = 64 * 1024;
        for (int offset = 0; offset < segment.Length; offset += Chunk)
        {
            if (entry.Started)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await output.WriteAsync(segment.Slice(offset, Math.Min(Chunk, segment.Length - offset)), CancellationToken.None).ConfigureAwait(false);
            entry.Started = true;
        }
    }

    /// <summary>
    /// Waits for the server's "+". Cancelling here, with the literal's header already on the wire, counts as
    /// cancelling mid-command.
    /// </summary>
    private async Task<ContinuationResponse?> WaitForContinuationAsync(Entry entry, CancellationToken cancellationToken)
    {
        TaskCompletionSource<ContinuationResponse?> next;
        lock (sync)
        {
            if (entry.Command.IsCompleted || fault is not null)
            {
                return null;
            }

            next = entry.Continue;
        }

        ContinuationResponse? received;
        try
        {
            received = await next.Task.WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Part of the command is on the wire and the server is silent: the connection's state is unknown.
            throw new ImapTimeoutException($"{entry.Command.Name} waited longer than {CommandTimeout} for the server's continuation.");
        }

        return received;
    }

    private async Task<TResult> AwaitCompletionAsync<TResult>(PendingCommand<TResult> command, CancellationToken cancellationToken)
    {
        try
        {
            var task = command.Task;
            if (CommandTimeout != Timeout.InfiniteTimeSpan)
            {
                try
                {
                    task = task.WaitAsync(CommandTimeout, cancellationToken);
                    return await task.ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The command was sent and its outcome is unknown: the connection's state is unknown too.
                    var timeout = new ImapTimeoutException($"{command.Name} did not complete within {CommandTimeout}.");
                    Shutdown(timeout);
                    throw timeout;
                }
            }

            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !command.IsCompleted)
        {
            // Sent already: release the caller now; the command's responses are drained and dropped as they come.
            command.Abandoned = true;
            _ = command.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private void OnTagged(TaggedResponse tagged)
    {
        PendingCommand? command;
        lock (sync)
        {
            if (!byTag.Remove(tagged.Tag, out command))
            {
                command = null;
            }
            else
            {
                inFlight.Remove(command);
                if (writer?.Command == command)
                {
                    // The server answered before the literal or the exchange was over: stop writing.
                    writer.Continue.TrySetResult(null);
                }
            }
        }

        if (command is null)
        {
            Shutdown(new ImapProtocolException($"The server completed a command with the unknown tag '{tagged.Tag}'."));
            return;
        }

        command.Complete(tagged);
        lock (sync)
        {
            Pump();
        }
    }

    private void OnContinuation(ContinuationResponse continuation)
    {
        bool delivered = false;
        lock (sync)
        {
            if (writer is not null)
            {
                // Swap in the next signal before releasing the writer, so that a completion or a fault arriving
                // right after this "+" finds a fresh signal to complete instead of the one already used.
                var current = writer.Continue;
                writer.Continue = new TaskCompletionSource<ContinuationResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
                delivered = current.TrySetResult(continuation);
            }
        }

        if (!delivered)
        {
            Shutdown(new ImapProtocolException("The server sent a continuation request no command was waiting for."));
        }
    }

    private void OnUntagged(ImapResponse response, ReadOnlySequence<byte> frame)
    {
        // A snapshot in a buffer the reader loop reuses: no allocation per response however many commands wait.
        int count;
        lock (sync)
        {
            count = inFlight.Count;
            if (claimCandidates.Length < count)
            {
                claimCandidates = new PendingCommand[Math.Max(count, claimCandidates.Length * 2)];
            }

            inFlight.CopyTo(claimCandidates);
        }

        for (int i = 0; i < count; i++)
        {
            if (claimCandidates[i].TryClaim(response, frame))
            {
                Array.Clear(claimCandidates, 0, count);
                return;
            }
        }

        Array.Clear(claimCandidates, 0, count);

        Unsolicited?.Invoke(response);
    }

    /// <summary>Passes the baton to the queue's head when the gate allows. Call under <see cref="sync"/>.</summary>
    private void Pump()
    {
        if (writer is not null || fault is not null || queue.First is null)
        {
            return;
        }

        var head = queue.First.Value;
        if (!PipelineGate.CanSend(head.Command, inFlight))
        {
            return;
        }

        queue.RemoveFirst();
        head.Node = null;
        if (head.Command.OnSending() is { } refused)
        {
            // Not sent after all; the next command may go.
            head.Command.Fail(refused);
            head.Permit.TrySetException(refused);
            Pump();
            return;
        }

        writer = head;
        inFlight.Add(head.Command);
        byTag[head.Command.Tag] = head.Command;
        if (queue.First is not null)
        {
            // Commands already wait behind this one: a command that holds the writer indefinitely (IDLE) must know.
            head.Command.OnCommandQueued(queue.First.Value.Command);
        }

        head.Permit.TrySetResult();
    }

    private static Exception Wrap(Exception error) => error switch
    {
        ImapTimeoutException t => new ImapTimeoutException(t.Message),
        ImapProtocolException p => new ImapProtocolException(p.Message, p),
        ImapException i => new ImapConnectionException(i.Message, i),
        _ => new ImapConnectionException("The connection failed: " + error.Message, error),
    };

    private sealed class Entry(PendingCommand command, CommandWriter writer)
    {
        public PendingCommand Command { get; } = command;

        public CommandWriter Writer { get; } = writer;

        public LinkedListNode<Entry>? Node { get; set; }

        /// <summary>Whether any byte of the command was written.</summary>
        public bool Started { get; set; }

        public TaskCompletionSource Permit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<ContinuationResponse?> Continue { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
