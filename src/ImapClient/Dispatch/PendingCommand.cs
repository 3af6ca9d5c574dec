using System.Buffers;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>
/// One command from the moment it is submitted until its tagged completion: how it is written, what it needs from
/// the pipeline (<see cref="Traits"/>, <see cref="Collects"/>), which untagged responses are its own
/// (<see cref="TryClaim(ImapResponse)"/>), and how it completes. Each command type under <c>Commands/</c> derives from
/// <see cref="PendingCommand{TResult}"/>.
/// </summary>
internal abstract class PendingCommand
{
    /// <summary>The command's name for messages, e.g. "UID FETCH".</summary>
    public abstract string Name { get; }

    public abstract CommandTraits Traits { get; }

    /// <summary>Uncorrelated untagged kinds this command collects: it runs alone among commands collecting them.</summary>
    public virtual UntaggedKinds Collects => UntaggedKinds.None;

    /// <summary>The UIDs this command reads or writes, when it names them; used for flag-overlap gating.</summary>
    public virtual UidSet? Uids => null;

    /// <summary>The tag, assigned when the command is built.</summary>
    public string Tag { get; set; } = string.Empty;

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

    /// <summary>Whether the command expects challenges after its text was sent (SASL without an initial response).</summary>
    public virtual bool ExpectsChallenges => false;

    public abstract void Complete(TaggedResponse tagged);

    public abstract void Fail(Exception error);

    public abstract void Cancel(CancellationToken cancellationToken);
}

/// <summary>A command with a typed result, completed on the reader loop; continuations run asynchronously.</summary>
internal abstract class PendingCommand<TResult> : PendingCommand
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => completion.Task;

    public override bool IsCompleted => completion.Task.IsCompleted;

    public override void Complete(TaggedResponse tagged)
    {
        if (tagged.Status != ResponseStatus.Ok && !CompletesOnFailure)
        {
            completion.TrySetException(new ImapCommandException(Name, ToStatus(tagged.Status), tagged.Code?.Name, tagged.Text));
            return;
        }

        try
        {
            completion.TrySetResult(GetResult(tagged));
        }
        catch (ImapException e)
        {
            completion.TrySetException(e);
        }
    }

    public override void Fail(Exception error) => completion.TrySetException(error);

    public override void Cancel(CancellationToken cancellationToken) => completion.TrySetCanceled(cancellationToken);

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
}
