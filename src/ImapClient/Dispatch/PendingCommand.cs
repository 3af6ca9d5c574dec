using System.Buffers;
using System.Globalization;
using System.Threading.Tasks.Sources;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// One command from the moment it is submitted until its tagged completion: how it is written, what it needs from
/// the pipeline (<see cref="Traits"/>, <see cref="Collects"/>), which untagged responses are its own
/// (<see cref="TryClaim(ImapResponse)"/>), and how it completes. Each command type under <c>Commands/</c> derives from
/// <see cref="PendingCommand{TResult}"/>.
/// </summary>
/// <remarks>
/// The command object is also its own bookkeeping in the <see cref="Dispatcher"/>: its place in the send queue, its
/// built bytes, and the permit its caller waits for before writing (an <see cref="IValueTaskSource"/>, so waiting for
/// the permit allocates nothing). The members under "Dispatcher state" belong to the dispatcher alone.
/// </remarks>
internal abstract class PendingCommand : IValueTaskSource
{
    private const int PermitWaiting = 0;
    private const int PermitGranted = 1;
    private const int PermitRefused = 2;

    private ManualResetValueTaskSourceCore<bool> permit = new() { RunContinuationsAsynchronously = true };
    private int permitState;
    private bool permitReleased;
    private CancellationTokenRegistration permitRegistration;

    /// <summary>The command's name for messages, e.g. "UID FETCH".</summary>
    public abstract string Name { get; }

    public abstract CommandTraits Traits { get; }

    /// <summary>Uncorrelated untagged kinds this command collects: it runs alone among commands collecting them.</summary>
    public virtual UntaggedKinds Collects => UntaggedKinds.None;

    /// <summary>The UIDs this command reads or writes, when it names them; used for flag-overlap gating.</summary>
    public virtual UidSet? Uids => null;

    /// <summary>The tag's number, assigned when the command is built; the tag on the wire is "A" and this number.</summary>
    public long TagNumber { get; set; }

    /// <summary>The tag as text (made on demand: the hot path works with <see cref="TagNumber"/>).</summary>
    public string Tag => "A" + TagNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The caller gave up after the command was sent: its responses are drained and dropped.</summary>
    public bool Abandoned { get; set; }

    public abstract bool IsCompleted { get; }

    /// <summary>Writes the command after "tag SP", without the final CRLF.</summary>
    public abstract void Write(CommandWriter writer);

    /// <summary>
    /// Offered every untagged response while the command is in flight, oldest command first. Returns
    /// <see langword="true"/> to take it; a response nobody takes is unsolicited data for the mailbox state.
    /// </summary>
    public virtual bool TryClaim(ImapResponse response) => false;

    /// <summary>As <see cref="TryClaim(ImapResponse)"/>, with the response's bytes for commands that keep them raw.</summary>
    public virtual bool TryClaim(ImapResponse response, ReadOnlySequence<byte> frame) => TryClaim(response);

    /// <summary>
    /// Whether a response thrown away for exceeding a limit could have been this command's: a FETCH whose UID is in
    /// <see cref="Uids"/> (any FETCH when its UID was not read), or a kind in <see cref="Collects"/>. Errs on the side
    /// of yes: a command that fails for data that was not its own is better than one that succeeds without its data.
    /// </summary>
    public virtual bool MayOwn(DroppedResponse dropped) => dropped.Name switch
    {
        "FETCH" => Uids is { } uids && (dropped.Uid is not { } uid || uids.IsSavedResult || uids.Contains(uid)),
        "LIST" => (Collects & UntaggedKinds.List) != 0,
        "LSUB" => (Collects & UntaggedKinds.Lsub) != 0,
        "SEARCH" => (Collects & UntaggedKinds.Search) != 0,
        "SORT" => (Collects & UntaggedKinds.Sort) != 0,
        "THREAD" => (Collects & UntaggedKinds.Thread) != 0,
        "NAMESPACE" => (Collects & UntaggedKinds.Namespace) != 0,
        "ID" => (Collects & UntaggedKinds.Id) != 0,
        "QUOTA" or "QUOTAROOT" => (Collects & (UntaggedKinds.Quota | UntaggedKinds.QuotaRoot)) != 0,
        "METADATA" => (Collects & UntaggedKinds.Metadata) != 0,
        "ENABLED" => (Collects & UntaggedKinds.Enabled) != 0,
        _ => false,
    };

    /// <summary>
    /// Whether the command takes FETCH responses as its own data (fetches, and stores that report flags). Two such
    /// commands may run together only while FETCH responses can be told apart by their UIDs or numbers: see
    /// <see cref="PipelineGate"/>.
    /// </summary>
    public virtual bool ClaimsFetchData => false;

    /// <summary>Whether a streamed FETCH body whose leading items are <paramref name="prefix"/> belongs to this command.</summary>
    public virtual bool ClaimsBody(FetchResponse prefix) => false;

    public virtual void OnBodyStart(FetchResponse prefix, PendingBody body)
    {
    }

    public virtual void OnBodyData(ReadOnlySequence<byte> data)
    {
    }

    public virtual void OnBodyEnd()
    {
    }

    /// <summary>
    /// The server sent "+" while this command holds the writer after its prebuilt text ran out: a SASL challenge.
    /// Returns the line to send (without CRLF), or null when the command has nothing to say (a protocol error).
    /// </summary>
    public virtual byte[]? OnChallenge(ContinuationResponse challenge) => null;

    /// <summary>As <see cref="OnChallenge"/>, for commands that wait before answering (IDLE waits to be stopped).</summary>
    public virtual ValueTask<byte[]?> OnChallengeAsync(ContinuationResponse challenge) => new(OnChallenge(challenge));

    /// <summary>
    /// Another command was queued while this one holds the writer. A command that holds it indefinitely (IDLE) ends
    /// itself so that the queue can move.
    /// </summary>
    /// <param name="queued">The command that was queued.</param>
    public virtual void OnCommandQueued(PendingCommand queued)
    {
    }

    /// <summary>
    /// The command was given the writer and is about to go on the wire (called under the dispatcher's lock, in wire
    /// order). SELECT uses it to retire the previously selected mailbox exactly when the server will. Returns an
    /// exception to fail the command without sending it instead: a FETCH queued for a mailbox that a SELECT sent
    /// before it has since replaced must not run against the new one.
    /// </summary>
    public virtual Exception? OnSending() => null;

    /// <summary>
    /// Literal data written from sources rather than from the built bytes (APPEND, MULTIAPPEND, CATENATE), one per
    /// <see cref="CommandWriter.UploadOffsets"/> entry and in that order, or null. A command with uploads keeps the
    /// writer until its last byte is out and is never coalesced with others.
    /// </summary>
    public virtual IReadOnlyList<Upload>? Uploads => null;

    /// <summary>Whether the command expects challenges after its text was sent (SASL without an initial response).</summary>
    public virtual bool ExpectsChallenges => false;

    /// <summary>Whether the "+" challenges and the replies of this command's exchange are secret (SASL): traces hide them.</summary>
    public virtual bool RedactsExchange => false;

    /// <summary>
    /// Whether the command changes how strings are encoded from its completion on (ENABLE UTF8=ACCEPT or IMAP4rev2).
    /// Unless it is a barrier anyway, only <see cref="IsEncodingNeutral"/> commands may be in flight beside it.
    /// </summary>
    public virtual bool SwitchesEncoding => false;

    /// <summary>
    /// Whether the command reads and writes the same bytes whichever string encoding is in force (NAMESPACE, LIST "" "*"),
    /// so that it may be pipelined right behind a command that <see cref="SwitchesEncoding"/>.
    /// </summary>
    public virtual bool IsEncodingNeutral => false;

    /// <summary>
    /// Whether the command neither reads nor changes the selected mailbox, and no answer of it depends on which one is
    /// selected (CAPABILITY, ENABLE, ID, NAMESPACE, LIST): a <see cref="ChangesSelection"/> barrier may go out beside it.
    /// </summary>
    public virtual bool IsSelectionIndependent => false;

    /// <summary>
    /// Whether the command is a barrier because it changes the selected mailbox (SELECT, EXAMINE): it still waits for
    /// every command in flight that is not <see cref="IsSelectionIndependent"/>, but not for those, so the first
    /// SELECT after login goes out in the same round trip as the post-login setup.
    /// </summary>
    public virtual bool ChangesSelection => false;

    public abstract void Complete(TaggedResponse tagged);

    public abstract void Fail(Exception error);

    // ---- Dispatcher state: touched only by the Dispatcher, under its lock unless noted. ----

    /// <summary>The command's bytes, built before it is queued; returned to the pool once written.</summary>
    internal CommandWriter? Built { get; set; }

    /// <summary>Neighbours in the send queue, while <see cref="IsQueued"/>.</summary>
    internal PendingCommand? QueuePrevious { get; set; }

    /// <summary>Neighbours in the send queue, while <see cref="IsQueued"/>.</summary>
    internal PendingCommand? QueueNext { get; set; }

    internal bool IsQueued { get; set; }

    /// <summary>Whether any byte of the command was written (set by the writing caller, outside the lock).</summary>
    internal bool Started { get; set; }

    /// <summary>The command's bytes went out inside another command's write (a coalesced batch).</summary>
    internal bool Batched { get; private set; }

    /// <summary>How many commands' bytes this command writes after its own (it leads a coalesced batch).</summary>
    internal int Followers { get; set; }

    /// <summary>When (<see cref="Environment.TickCount64"/>) the command has waited too long for the server; 0 when not waiting.</summary>
    internal long Deadline { get; set; }

    /// <summary>Since when (<see cref="Environment.TickCount64"/>) the command waits for the server; 0 when it does not.</summary>
    internal long WaitingSince { get; set; }

    /// <summary>The first response thrown away for a limit that may have been this command's (<see cref="MayOwn"/>).</summary>
    internal DroppedResponse? Dropped { get; set; }

    /// <summary>The "+" this command waits for, for commands with a synchronizing literal or a SASL exchange.</summary>
    internal TaskCompletionSource<ContinuationResponse?>? Continue { get; set; }

    /// <summary>
    /// Takes the permit for the dispatcher, settling the race with the caller's cancellation: once taken, cancelling
    /// no longer withdraws the command. The caller is told later, by <see cref="ReleasePermit(bool)"/>, once the
    /// command's bytes are ready to go (or gone, in a batch).
    /// </summary>
    /// <returns>False when the caller had already given up waiting.</returns>
    internal bool TryTakePermit() =>
        Interlocked.CompareExchange(ref permitState, PermitGranted, PermitWaiting) == PermitWaiting;

    /// <summary>Lets the caller go on: it writes, or, when <paramref name="batched"/>, another command wrote its bytes.</summary>
    internal void ReleasePermit(bool batched)
    {
        Batched = batched;
        Volatile.Write(ref permitReleased, true);
        permit.SetResult(true);
    }

    /// <summary>Tells the caller its command was taken but will not be sent after all (<see cref="OnSending"/> refused it).</summary>
    internal void ReleasePermit(Exception error) => permit.SetException(error);

    /// <summary>Ends the wait for a permit not yet taken with an error (a fault, or the caller's cancellation).</summary>
    /// <returns>False when the dispatcher had taken the permit already.</returns>
    internal bool TryRefuse(Exception error)
    {
        if (Interlocked.CompareExchange(ref permitState, PermitRefused, PermitWaiting) != PermitWaiting)
        {
            return false;
        }

        permit.SetException(error);
        return true;
    }

    /// <summary>
    /// Puts the permit and every member under "Dispatcher state" back as a new command has them, for a pooled command
    /// about to be used again (<see cref="ReusableCommand{TSelf, TResult}"/>). Only once nothing refers to it any more.
    /// </summary>
    private protected void ResetPendingState()
    {
        permit.Reset();
        permitState = PermitWaiting;
        permitReleased = false;
        permitRegistration = default;
        TagNumber = 0;
        Abandoned = false;
        Built = null;
        QueuePrevious = null;
        QueueNext = null;
        IsQueued = false;
        Started = false;
        Batched = false;
        Followers = 0;
        Deadline = 0;
        WaitingSince = 0;
        Dropped = null;
        Continue = null;
    }

    /// <summary>Waits for the permit; completes at once when it was released already. Awaited once, by the caller.</summary>
    internal ValueTask WaitForPermitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref permitReleased))
        {
            return default;
        }

        if (cancellationToken.CanBeCanceled)
        {
            permitRegistration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCommand)state!).TryRefuse(new TaskCanceledException("The operation was canceled.", null, token)),
                this);
        }

        return new ValueTask(this, permit.Version);
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            permit.GetResult(token);
        }
        finally
        {
            permitRegistration.Dispose();
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => permit.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        permit.OnCompleted(continuation, state, token, flags);
}

/// <summary>
/// A command with a typed result, completed on the reader loop; the caller's continuation runs asynchronously. The
/// command is the <see cref="IValueTaskSource{TResult}"/> its caller awaits, so completing it allocates nothing.
/// </summary>
internal abstract class PendingCommand<TResult> : PendingCommand, IValueTaskSource<TResult>
{
    private ManualResetValueTaskSourceCore<TResult> completion = new() { RunContinuationsAsynchronously = true };
    private int completed;
    private CancellationTokenRegistration completionRegistration;

    public override bool IsCompleted => Volatile.Read(ref completed) != 0;

    public override void Complete(TaggedResponse tagged)
    {
        if (tagged.Status != ResponseStatus.Ok && !CompletesOnFailure)
        {
            TrySetException(new ImapCommandException(Name, ToStatus(tagged.Status), tagged.Code, tagged.Text));
            return;
        }

        if (tagged.Status == ResponseStatus.Ok && Dropped is { } lost)
        {
            // OK, but part of the answer was thrown away unread: the result would be incomplete, so it is not given.
            TrySetException(lost.ToException(Name));
            return;
        }

        TResult result;
        try
        {
            result = GetResult(tagged);
        }
        catch (ImapException e)
        {
            TrySetException(e);
            return;
        }

        if (Interlocked.Exchange(ref completed, 1) == 0)
        {
            completion.SetResult(result);
            OnFinished(null);
        }
    }

    public override void Fail(Exception error) => TrySetException(error);

    /// <summary>
    /// Waits for the outcome. Cancelling releases the caller at once; the command stays in flight, marked
    /// <see cref="PendingCommand.Abandoned"/>, and its responses are drained as they come. Awaited once, by the caller.
    /// </summary>
    internal ValueTask<TResult> WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !IsCompleted)
        {
            completionRegistration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var command = (PendingCommand<TResult>)state!;
                    if (!command.IsCompleted)
                    {
                        command.Abandoned = true;
                    }

                    command.TrySetException(new TaskCanceledException("The operation was canceled.", null, token));
                },
                this);
        }

        return new ValueTask<TResult>(this, completion.Version);
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        TResult result;
        try
        {
            result = completion.GetResult(token);
        }
        finally
        {
            completionRegistration.Dispose();
        }

        OnResultTaken();
        return result;
    }

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// The caller has taken the result: called once, when its wait (<see cref="WaitAsync"/>) ends with one, so that a
    /// pooled command may go back to its pool (<see cref="ReusableCommand{TSelf, TResult}"/>).
    /// </summary>
    internal virtual void OnResultTaken()
    {
    }

    /// <summary>As <see cref="PendingCommand.ResetPendingState"/>, and the completion too.</summary>
    private protected void ResetCompletion()
    {
        ResetPendingState();
        completion.Reset();
        completed = 0;
        completionRegistration = default;
    }

    /// <summary>Whether NO and BAD are results too (the low-level API reports them rather than throwing).</summary>
    protected virtual bool CompletesOnFailure => false;

    /// <summary>The result once the tagged response arrived (OK, or any status when <see cref="CompletesOnFailure"/>).</summary>
    protected abstract TResult GetResult(TaggedResponse tagged);

    protected static ImapStatus ToStatus(ResponseStatus status) => status switch
    {
        ResponseStatus.Ok => ImapStatus.Ok,
        ResponseStatus.No => ImapStatus.No,
        _ => ImapStatus.Bad,
    };

    /// <summary>
    /// Called once, right after the outcome is settled: <paramref name="error"/> is null on success, else the failure
    /// (NO or BAD, a fault, or the caller's cancellation).
    /// </summary>
    /// <param name="error">Why the command failed, or null.</param>
    protected virtual void OnFinished(Exception? error)
    {
    }

    private void TrySetException(Exception error)
    {
        if (Interlocked.Exchange(ref completed, 1) == 0)
        {
            completion.SetException(error);
            OnFinished(error);
        }
    }
}
