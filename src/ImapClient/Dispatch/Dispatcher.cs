using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Imap.Connection;
using Imap.Protocol;
using Imap.Protocol.Responses;

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
/// claims is unsolicited and goes to <see cref="Unsolicited"/>. The reader never waits for a caller: completions run
/// their continuations asynchronously.
/// </para>
/// <para>
/// <b>Faults.</b> A NO or BAD fails only its command. <see cref="Fault"/> (connection lost, BYE, unknown tag, lost
/// framing, a timeout after a write) fails every queued and pending command at once with the same exception.
/// Cancellation before a command was written removes it unsent; after, the caller is released at once and the
/// command's remaining responses are claimed and dropped as they come. A command cancelled between its literal's
/// header and its data is finished in the background while it keeps the writer: its remaining segments as the server
/// asks for them, or, for an upload, filler and an ending the server must refuse (DESIGN.md decision 7).
/// </para>
/// </remarks>
internal sealed partial class Dispatcher : IDisposable
{
    /// <summary>Bytes of an upload read and written at a time; cancellation is checked between pieces.</summary>
    private const int UploadPiece = 64 * 1024;

    /// <summary>What an abandoned upload's literal is finished with: printable, and no CR or LF.</summary>
    private static readonly byte[] Filler = CreateFiller();

    /// <summary>Most bytes one coalesced write carries.</summary>
    public const int MaxBatchBytes = 64 * 1024;

    private readonly object sync = new();
    private readonly CommandQueue queue = new();
    private readonly Dictionary<long, PendingCommand> byTag = [];
    private readonly List<PendingCommand> inFlight = [];
    private readonly ICommandOutput output;
    private PendingCommand? writer;
    private Exception? fault;
    private PendingCommand? bodyOwner;
    private FetchResponse? unclaimedFetch;
    private ArrayBufferWriter<byte>? unclaimedBody;
    private PendingCommand[] claimCandidates = new PendingCommand[16];
    private long nextTag;
    private TimeSpan commandTimeout = Timeout.InfiniteTimeSpan;
    private TimeSpan silenceTimeout = Timeout.InfiniteTimeSpan;
    private long lastReceived = Environment.TickCount64;
    private Timer? watchdog;

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

    /// <summary>
    /// How long the server may take to answer a command once its bytes are written (its completion, or the "+" its
    /// literal waits for) before the connection is declared broken. Checked by a watchdog ticking at a quarter of it.
    /// </summary>
    public TimeSpan CommandTimeout
    {
        get => commandTimeout;
        set
        {
            lock (sync)
            {
                commandTimeout = value;
                RestartWatchdog();
            }
        }
    }

    /// <summary>
    /// How long the server may send nothing while a command waits for it before the link is presumed dead (see
    /// <see cref="ImapClientOptions.ServerSilenceTimeout"/>). Checked by the same watchdog.
    /// </summary>
    public TimeSpan SilenceTimeout
    {
        get => silenceTimeout;
        set
        {
            lock (sync)
            {
                silenceTimeout = value;
                RestartWatchdog();
            }
        }
    }

    /// <summary>The reader got bytes from the server: the link is alive.</summary>
    public void NoteReceived() => Volatile.Write(ref lastReceived, Environment.TickCount64);

    /// <summary>Runs the watchdog at a quarter of the shorter timeout (between 10 ms and 1 s), or not at all. Under the lock.</summary>
    private void RestartWatchdog()
    {
        watchdog?.Dispose();
        watchdog = null;
        long shortest = Math.Min(
            commandTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : commandTimeout.Ticks,
            silenceTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : silenceTimeout.Ticks);
        if (shortest != long.MaxValue && fault is null)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(shortest / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
            watchdog = new Timer(static state => ((Dispatcher)state!).CheckDeadlines(), this, period, period);
        }
    }

    /// <summary>Where the protocol trace goes (nowhere by default).</summary>
    public ProtocolTrace Trace { get; set; } = ProtocolTrace.None;

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
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            command.TagNumber = Interlocked.Increment(ref nextTag);
            command.Built = Build(command);
            try
            {
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
                        // Not sent: it must not stay queued once its buffer goes back to the pool below.
                        queue.Remove(command);
                        throw;
                    }
                }

                await SendAsync(command, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (command.Built is { } built)
                {
                    command.Built = null;
                    CommandWriterPool.Return(built);
                }
            }
        }
        catch (Exception e)
        {
            // Not sent (refused, cancelled while queued, rejected arguments, the connection gone): the command ends
            // here, so that whatever waits on its side (a FETCH's result stream) ends too. A command already failed
            // keeps its first outcome.
            command.Fail(e);
            throw;
        }

        return await command.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A response from the reader loop.</summary>
    public void OnResponse(ImapResponse response, ReadOnlySequence<byte> frame = default)
    {
        if (Trace.IsEnabled)
        {
            Trace.Received(frame, secret: response is ContinuationResponse && writer is { RedactsExchange: true });
        }

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
        Trace.Malformed(error, frame);
        var reader = new SequenceReader<byte>(frame);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)' ') || first.Length is 0 or > 32)
        {
            return;
        }

        Span<byte> tag = stackalloc byte[32];
        first.CopyTo(tag);
        long number = ParseTag(tag[..(int)first.Length]);
        PendingCommand? command;
        lock (sync)
        {
            if (number == 0 || !byTag.Remove(number, out command))
            {
                return;
            }

            inFlight.Remove(command);
            if (writer == command)
            {
                command.Continue?.TrySetResult(null);
            }
        }

        command.Fail(error.ToException());
        lock (sync)
        {
            Pump();
        }
    }

    /// <summary>
    /// An untagged response was thrown away for exceeding a limit: every command in flight that may own it is marked,
    /// and fails when it completes instead of succeeding without it. It is reported either way (the Malformed event).
    /// </summary>
    public void OnDropped(DroppedResponse dropped)
    {
        lock (sync)
        {
            foreach (var command in inFlight)
            {
                if (command.MayOwn(dropped))
                {
                    command.Dropped ??= dropped;
                }
            }
        }
    }

    public void OnBodyStart(FetchResponse prefix, PendingBody body)
    {
        lock (sync)
        {
            bodyOwner = null;
            foreach (var command in inFlight)
            {
                if (command.ClaimsBody(prefix))
                {
                    bodyOwner = command;
                    break;
                }
            }
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
                OnDropped(new DroppedResponse(
                    "FETCH", unclaimedFetch?.SequenceNumber, unclaimedFetch?.Uid, nameof(ImapLimits.MaxLiteralSize), MaxUnclaimedBody,
                    $"a body that no command could claim before its UID arrived, over the limit of {MaxUnclaimedBody} bytes for buffering it"));
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
            byTag.Clear();
            writer?.Continue?.TrySetResult(null);
            watchdog?.Dispose();
            watchdog = null;
        }

        foreach (var command in queued)
        {
            command.TryRefuse(Wrap(error));
        }

        foreach (var command in failed)
        {
            command.Fail(Wrap(error));
        }

        Faulted?.Invoke(error);
    }

    /// <summary>Stops the watchdog. <see cref="Shutdown"/> does too; this is for a dispatcher that never faulted.</summary>
    public void Dispose()
    {
        lock (sync)
        {
            watchdog?.Dispose();
            watchdog = null;
        }
    }

    /// <summary>The number in a tag this dispatcher made ("A" and a number without leading zeros), or 0.</summary>
    private static long ParseTag(ReadOnlySpan<byte> tag)
    {
        if (tag.Length is < 2 or > 19 || tag[0] != (byte)'A' || tag[1] == (byte)'0'
            || !Utf8Parser.TryParse(tag[1..], out long number, out int consumed) || consumed != tag.Length - 1)
        {
            return 0;
        }

        return number;
    }

    private static long ParseTag(string tag)
    {
        if (tag.Length is < 2 or > 19)
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[19];
        for (int i = 0; i < tag.Length; i++)
        {
            if (tag[i] > 0x7F)
            {
                return 0;
            }

            bytes[i] = (byte)tag[i];
        }

        return ParseTag(bytes[..tag.Length]);
    }

    private CommandWriter Build(PendingCommand command)
    {
        var built = CommandWriterPool.Rent(WriterOptions);
        try
        {
            Span<byte> tag = stackalloc byte[20];
            tag[0] = (byte)'A';
            Utf8Formatter.TryFormat(command.TagNumber, tag[1..], out int digits);
            built.WriteTag(tag[..(digits + 1)]);
            built.WriteSpace();
            command.Write(built);
            built.EndCommand();
            return built;
        }
        catch
        {
            CommandWriterPool.Return(built);
            throw;
        }
    }

    /// <summary>Builds a queued command again with the current options; returns the error if it can no longer be built.</summary>
    private Exception? Rebuild(PendingCommand command)
    {
        try
        {
            var rebuilt = Build(command);
            CommandWriterPool.Return(command.Built!);
            command.Built = rebuilt;
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ImapException)
        {
            return e;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(PendingCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.WaitForPermitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up before the command was given the writer: it was never sent and never will be.
            lock (sync)
            {
                queue.Remove(command);
                Pump();
            }

            throw;
        }

        if (command.Batched)
        {
            // The command ahead of it wrote its bytes along with its own.
            return;
        }

        if (cancellationToken.IsCancellationRequested && command.Followers == 0 && (command.Traits & CommandTraits.Barrier) == 0)
        {
            // Given the writer but not a byte written yet: give the slot back; the command was never sent. A barrier
            // is sent anyway (and then abandoned): its OnSending may already have changed the client's state, as
            // SELECT retires the old mailbox, and the server must make the same change.
            lock (sync)
            {
                inFlight.Remove(command);
                byTag.Remove(command.TagNumber);
                if (writer == command)
                {
                    writer = null;
                }

                Pump();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        bool handedOff = false;
        try
        {
            // The signal that the server's next "+" completes is taken before each write that may prompt it: the "+"
            // can arrive while the write is still returning, and OnContinuation then swaps in a fresh signal.
            TaskCompletionSource<ContinuationResponse?>? prompted = null;
            var built = command.Built!;
            int segmentStart = 0;
            for (int segment = 0; segment < built.SegmentCount; segment++)
            {
                if (segment > 0)
                {
                    // A synchronizing literal: wait for "+", unless the server already refused the command.
                    ContinuationResponse? go;
                    try
                    {
                        go = await WaitForContinuationAsync(command, prompted, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (command.Uploads is not null && cancellationToken.IsCancellationRequested)
                    {
                        // A literal's header is out: the server may still ask for its data. Answer it with the rest up
                        // to the next upload, filler and a command it must refuse, in the background.
                        handedOff = true;
                        AbandonAhead(command, prompted, built, segment);
                        throw;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Part of a command with a literal in memory is out: the rest is written in the background as
                        // the server asks for it, and the command is treated as cancelled after it was sent.
                        handedOff = true;
                        FinishInBackground(command, prompted, Remaining(built, segment));
                        throw;
                    }

                    if (go is null || command.IsCompleted)
                    {
                        break;
                    }
                }

                prompted = CurrentContinue(command);
                Trace.Sent(built, segment);
                var bytes = built.GetSegment(segment);
                if (command.Uploads is { } uploads)
                {
                    var failure = await WriteWithUploadsAsync(command, uploads, built, segmentStart, bytes, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        // Cancelled, or the caller's source failed, inside a literal: the caller hears at once; the
                        // literal is finished with filler and the command made to fail, so the connection goes on.
                        handedOff = true;
                        failure.Throw();
                    }

                    segmentStart += bytes.Length;
                    ArmDeadlines(command, prompted);
                    continue;
                }

                segmentStart += built.GetSegment(segment).Length;
                await WriteInChunksAsync(command, bytes, cancellationToken).ConfigureAwait(false);
                ArmDeadlines(command, prompted);
            }

            while (command.ExpectsChallenges && !command.IsCompleted)
            {
                var challenge = await WaitForContinuationAsync(command, prompted, CancellationToken.None).ConfigureAwait(false);
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

                prompted = CurrentContinue(command);
                Trace.Sent(reply, secret: command.RedactsExchange);
                await output.WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
                ArmDeadlines(command, prompted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !handedOff)
        {
            // Part of the command is on the wire and cannot be taken back (an APPEND cancelled inside its literal):
            // the connection's state is unknown, so it is closed and everything pending fails.
            command.Abandoned = true;
            Shutdown(new ImapConnectionException($"{command.Name} was cancelled in the middle of its data; the connection was closed."));
            throw;
        }
        catch (Exception e) when (e is IOException or ImapException or ObjectDisposedException && !handedOff)
        {
            // Fails this command and everything else; RunAsync then reports the failure.
            Shutdown(e is ImapException ? e : new ImapConnectionException("The connection failed while sending " + command.Name + ".", e));
        }
        finally
        {
            if (!handedOff)
            {
                ReleaseWriter(command);
            }
        }
    }

    private void ReleaseWriter(PendingCommand command)
    {
        lock (sync)
        {
            if (writer == command)
            {
                writer = null;
            }

            Pump();
        }
    }

    /// <summary>
    /// Writes an upload's data in pieces, stopping between pieces when the caller cancels. Returns how many bytes went
    /// out and, when it stopped early, why: the caller's cancellation, its source failing or ending early, or NUL in
    /// the data (which a literal cannot carry). A failed write to the connection throws as any write does.
    /// </summary>
    private async Task<(long Sent, ExceptionDispatchInfo? Failure)> WriteUploadAsync(Upload upload, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(UploadPiece);
        long sent = 0;
        try
        {
            while (sent < upload.Length)
            {
                int n;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    n = await upload.ReadAsync(buffer.AsMemory(0, (int)Math.Min(UploadPiece, upload.Length - sent)), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new ArgumentException($"The content ended after {sent} of the {upload.Length} bytes announced; nothing was stored.");
                    }

                    if (buffer.AsSpan(0, n).Contains((byte)0))
                    {
                        throw new ArgumentException("The content holds NUL, which a literal cannot carry (RFC 9051 §9 CHAR8); nothing was stored.");
                    }
                }
                catch (Exception e)
                {
                    return (sent, ExceptionDispatchInfo.Capture(e));
                }

                await output.WriteAsync(buffer.AsMemory(0, n), CancellationToken.None).ConfigureAwait(false);
                sent += n;
                upload.Progress?.Report(sent);
            }

            return (sent, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies of the segments from <paramref name="first"/> on: the built buffer goes back to its pool.</summary>
    private static byte[][] Remaining(CommandWriter built, int first)
    {
        var rest = new byte[built.SegmentCount - first][];
        for (int i = 0; i < rest.Length; i++)
        {
            rest[i] = built.GetSegment(first + i).ToArray();
        }

        return rest;
    }

    /// <summary>
    /// Writes the rest of a command whose caller gave up while it waited for a "+", in the background and still
    /// holding the writer: each segment after the server's "+" for it, until the server answers instead. Its responses
    /// are drained; only a failed write closes the connection.
    /// </summary>
    private void FinishInBackground(PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, byte[][] segments)
    {
        command.Abandoned = true;
        _ = FinishAsync();

        async Task FinishAsync()
        {
            try
            {
                foreach (byte[] segment in segments)
                {
                    if (prompted is null || await prompted.Task.ConfigureAwait(false) is null)
                    {
                        return;
                    }

                    prompted = CurrentContinue(command);
                    await output.WriteAsync(segment, CancellationToken.None).ConfigureAwait(false);
                    ArmDeadlines(command, prompted);
                }
            }
            catch (Exception e)
            {
                Shutdown(e is ImapException ? e : new ImapConnectionException($"The connection failed while finishing a cancelled {command.Name}.", e));
            }
            finally
            {
                ReleaseWriter(command);
            }
        }
    }

    /// <summary>
    /// Finishes an upload the caller gave up on, in the background, still holding the writer: waits for the "+" when
    /// the literal is synchronizing and not yet granted, writes <paramref name="remaining"/> filler bytes, and ends the
    /// command with an argument the APPEND grammar forbids (RFC 9051 §9, RFC 3502 §6.3.11: nothing may follow a
    /// message literal but another message's options, and ")" begins none), so that the server answers BAD and stores
    /// nothing. The answer is drained; only a failed write closes the connection.
    /// </summary>
    private void AbandonUpload(PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, long remaining, byte[] refusedEnd)
    {
        command.Abandoned = true;
        _ = FinishAsync();

        async Task FinishAsync()
        {
            try
            {
                // Not IsCompleted: the caller's cancellation completed the command on its side; only the server's "+",
                // its tagged answer or a fault (null) tell what the wire needs.
                if (prompted is not null && await prompted.Task.ConfigureAwait(false) is null)
                {
                    return;
                }

                while (remaining > 0)
                {
                    int n = (int)Math.Min(Filler.Length, remaining);
                    await output.WriteAsync(Filler.AsMemory(0, n), CancellationToken.None).ConfigureAwait(false);
                    remaining -= n;
                }

                Trace.Sent(refusedEnd, secret: false);
                await output.WriteAsync(refusedEnd, CancellationToken.None).ConfigureAwait(false);
                ArmDeadlines(command, null);
            }
            catch (Exception e)
            {
                Shutdown(e is ImapException ? e : new ImapConnectionException($"The connection failed while finishing a cancelled {command.Name}.", e));
            }
            finally
            {
                ReleaseWriter(command);
            }
        }
    }

    /// <summary>
    /// Writes a segment in pieces, so that a large literal can be cancelled between pieces (which then closes the
    /// connection); a small command goes out in one write.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteInChunksAsync(PendingCommand command, ReadOnlyMemory<byte> segment, CancellationToken cancellationToken)
    {
        const int Chunk = 64 * 1024;
        for (int offset = 0; offset < segment.Length; offset += Chunk)
        {
            if (command.Started)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await output.WriteAsync(segment.Slice(offset, Math.Min(Chunk, segment.Length - offset)), CancellationToken.None).ConfigureAwait(false);
            command.Started = true;
        }
    }

    /// <summary>The signal the next "+" for <paramref name="command"/> completes, read under the lock.</summary>
    private TaskCompletionSource<ContinuationResponse?>? CurrentContinue(PendingCommand command)
    {
        lock (sync)
        {
            return command.Continue;
        }
    }

    /// <summary>
    /// Waits for the server's "+" on <paramref name="prompted"/>, the signal taken before the write that prompts it.
    /// Cancelling here, with the literal's header already on the wire, counts as cancelling mid-command. The watchdog
    /// bounds the wait (the deadline was armed when the last bytes went out).
    /// </summary>
    private async Task<ContinuationResponse?> WaitForContinuationAsync(
        PendingCommand command, TaskCompletionSource<ContinuationResponse?>? prompted, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (command.IsCompleted || fault is not null || prompted is null)
            {
                return null;
            }
        }

        return await prompted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the clock for every command in flight whose bytes are now all on the wire, except the writer when the
    /// "+" its write prompted has come already (then the wait is the client's: an IDLE held open, the next part of a
    /// literal still to write).
    /// </summary>
    private void ArmDeadlines(PendingCommand writing, TaskCompletionSource<ContinuationResponse?>? prompted)
    {
        if (commandTimeout == Timeout.InfiniteTimeSpan && silenceTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        long now = Environment.TickCount64;
        long deadline = commandTimeout == Timeout.InfiniteTimeSpan ? 0 : now + (long)commandTimeout.TotalMilliseconds;
        lock (sync)
        {
            foreach (var command in inFlight)
            {
                if (command == writing && prompted is { Task.IsCompleted: true })
                {
                    continue;
                }

                if (command.Deadline == 0)
                {
                    command.Deadline = deadline;
                }

                if (command.WaitingSince == 0)
                {
                    command.WaitingSince = now;
                }
            }
        }
    }

    /// <summary>
    /// The watchdog: a command the server left unanswered too long, or a server silent too long while a command waits
    /// for it, breaks the connection.
    /// </summary>
    private void CheckDeadlines()
    {
        long now = Environment.TickCount64;
        long heard = Volatile.Read(ref lastReceived);
        PendingCommand? expired = null;
        PendingCommand? unheard = null;
        lock (sync)
        {
            foreach (var command in inFlight)
            {
                if (command.Deadline != 0 && now >= command.Deadline)
                {
                    expired = command;
                    break;
                }

                if (silenceTimeout != Timeout.InfiniteTimeSpan && command.WaitingSince != 0
                    && now - Math.Max(heard, command.WaitingSince) >= (long)silenceTimeout.TotalMilliseconds)
                {
                    unheard ??= command;
                }
            }
        }

        if (expired is null && unheard is not null)
        {
            Shutdown(new ImapTimeoutException(
                $"The server sent nothing for {silenceTimeout} while {unheard.Name} waited for it: the connection is presumed dead."));
            return;
        }

        if (expired is not null)
        {
            // The command was sent and its outcome is unknown: the connection's state is unknown too.
            Shutdown(new ImapTimeoutException(expired == writer && expired.Continue is not null
                ? $"{expired.Name} waited longer than {commandTimeout} for the server's continuation."
                : $"{expired.Name} did not complete within {commandTimeout}."));
        }
    }

    private void OnTagged(TaggedResponse tagged)
    {
        long number = ParseTag(tagged.Tag);
        PendingCommand? command;
        lock (sync)
        {
            if (number == 0 || !byTag.Remove(number, out command))
            {
                command = null;
            }
            else
            {
                inFlight.Remove(command);
                if (writer == command)
                {
                    // The server answered before the literal or the exchange was over: stop writing.
                    command.Continue?.TrySetResult(null);
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
            if (writer?.Continue is { } current)
            {
                // Swap in the next signal before releasing the writer, so that a completion or a fault arriving
                // right after this "+" finds a fresh signal to complete instead of the one already used. The
                // server has answered: until the client writes again, the wait is the client's, not the server's.
                writer.Continue = new TaskCompletionSource<ContinuationResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
                writer.Deadline = 0;
                writer.WaitingSince = 0;
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

    /// <summary>
    /// Passes the baton to the queue's head when the gate allows, with the plain commands behind it that may go too.
    /// Call under <see cref="sync"/>.
    /// </summary>
    private void Pump()
    {
        while (writer is null && fault is null && queue.First is { } head)
        {
            if (!PipelineGate.CanSend(head, inFlight))
            {
                return;
            }

            queue.Remove(head);
            if (!TryStart(head))
            {
                // Cancelled or refused: never sent; the next command may go.
                continue;
            }

            writer = head;
            if (IsPlain(head))
            {
                AddFollowers(head);
            }
            else
            {
                head.Continue = new TaskCompletionSource<ContinuationResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (queue.First is { } waiting)
            {
                // Commands already wait behind this one: a command that holds the writer indefinitely (IDLE) must know.
                head.OnCommandQueued(waiting);
            }

            head.ReleasePermit(batched: false);
            return;
        }
    }

    /// <summary>
    /// Appends to <paramref name="leader"/>'s bytes the plain commands queued behind it that the gate lets go now,
    /// each registered in flight in wire order. Call under <see cref="sync"/>.
    /// </summary>
    private void AddFollowers(PendingCommand leader)
    {
        var built = leader.Built!;
        // A command built under other options is left to lead the next write: rebuilt, it may no longer be plain.
        while (queue.First is { } next
            && next.Built!.Options == WriterOptions
            && IsPlain(next)
            && built.WrittenCount + next.Built.WrittenCount <= MaxBatchBytes
            && PipelineGate.CanSend(next, inFlight))
        {
            queue.Remove(next);
            if (!TryStart(next))
            {
                continue;
            }

            built.AppendCommand(next.Built.WrittenSpan);
            leader.Followers++;
            next.ReleasePermit(batched: true);
        }
    }

    /// <summary>
    /// Takes the command's permit (settling the race with its caller's cancellation), asks it whether it may still go,
    /// and registers it in flight. False when it is not to be sent. Call under <see cref="sync"/>.
    /// </summary>
    private bool TryStart(PendingCommand command)
    {
        if (!command.TryTakePermit())
        {
            return false;
        }

        Exception? refused;
        try
        {
            refused = command.OnSending();
            if (refused is null && command.Built!.Options != WriterOptions)
            {
                // Capabilities changed while the command waited (an ENABLE UTF8=ACCEPT, LITERAL+ after login): build it
                // again so that it goes out in the form now in force.
                refused = Rebuild(command);
            }
        }
        catch (Exception e)
        {
            // The permit is taken: whatever went wrong, the caller must hear of it rather than wait for ever.
            refused = e;
        }

        if (refused is not null)
        {
            command.Fail(refused);
            command.ReleasePermit(refused);
            return false;
        }

        inFlight.Add(command);
        byTag[command.TagNumber] = command;
        return true;
    }

    /// <summary>One segment, no exchange and no upload: its bytes can share a write with others.</summary>
    private static bool IsPlain(PendingCommand command) =>
        command.Built is { SegmentCount: 1, HasSecrets: false } && !command.ExpectsChallenges && command.Uploads is null;

    private static byte[] CreateFiller()
    {
        var filler = new byte[UploadPiece];
        filler.AsSpan().Fill((byte)'X');
        return filler;
    }

    private static Exception Wrap(Exception error) => error switch
    {
        ImapTimeoutException t => new ImapTimeoutException(t.Message, t),
        ImapProtocolException p => new ImapProtocolException(p.Message, p),
        ImapException i => new ImapConnectionException(i.Message, i),
        _ => new ImapConnectionException("The connection failed: " + error.Message, error),
    };
}
