using System.Runtime.CompilerServices;
using Imap.Commands;

namespace Imap;

/// <summary>FETCH and UID FETCH.</summary>
public sealed partial class SelectedMailbox
{
    /// <summary>
    /// UID FETCH (RFC 9051 §6.4.5, §6.4.9): the messages with these UIDs, yielded as their responses arrive. Many
    /// fetches may run at once on the connection; each gets exactly its own messages.
    /// </summary>
    /// <remarks>
    /// A large set is fetched in batches of about 500 messages, one batch ahead of the one being read: memory stays
    /// bounded however slowly the loop runs, and other commands' results are never held up behind it. Leaving the loop
    /// early (<c>break</c>, an exception, disposing the enumerator, cancelling) sends no further batch; the batches in
    /// flight are drained and discarded in the background and their outcome observed.
    /// </remarks>
    /// <param name="uids">Which messages; <see cref="UidSet.All"/> for every one. An empty set fetches nothing.</param>
    /// <param name="request">What to fetch (a <see cref="FetchItems"/> value converts); the UID always comes.</param>
    /// <param name="cancellationToken">Stops the enumeration; the rest of the responses are drained and dropped.</param>
    /// <exception cref="NotSupportedException">CHANGEDSINCE or MODSEQ without CONDSTORE.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public IAsyncEnumerable<MessageSummary> FetchAsync(UidSet uids, FetchRequest request, CancellationToken cancellationToken = default) =>
        FetchUidsAsync(uids, request, StreamingAhead, cancellationToken);

    /// <summary>Batches in flight at once for a fetch read as it arrives: the one being read and the next.</summary>
    private const int StreamingAhead = 2;

    /// <summary>
    /// Batches in flight at once for a fetch whose results are all collected anyway (<see cref="FetchListAsync"/>,
    /// <see cref="FetchChangesAsync"/>): holding back saves no memory there, so the batches are pipelined.
    /// </summary>
    private const int CollectingAhead = 16;

    private IAsyncEnumerable<MessageSummary> FetchUidsAsync(UidSet uids, FetchRequest request, int ahead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        CheckFetch(request);
        RejectVanished(request);
        if (uids.IsEmpty)
        {
            return NoMessages();
        }

        var batches = FetchBatcher.ForUids(uids, Count, UidNext);
        return FetchBatchesAsync(batches, ahead, (set, from, results) => new FetchCommand(Selection, UidSet.FromNumbers(set), request, results) { DeliverFrom = from }, cancellationToken);
    }

    /// <summary>
    /// FETCH by sequence number (RFC 9051 §6.4.5): as <see cref="FetchAsync(UidSet, FetchRequest, CancellationToken)"/>,
    /// naming messages by their position. <c>SequenceSet.FromRange(Count - 9, Count)</c> is the last ten messages. The
    /// numbers are those of now: the dispatcher holds the command while anything that may expunge is in flight.
    /// </summary>
    /// <param name="numbers">Which messages, by sequence number.</param>
    /// <param name="request">What to fetch; the UID always comes.</param>
    /// <param name="cancellationToken">Stops the enumeration; the rest of the responses are drained and dropped.</param>
    /// <exception cref="NotSupportedException">CHANGEDSINCE or MODSEQ without CONDSTORE.</exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public IAsyncEnumerable<MessageSummary> FetchBySequenceAsync(SequenceSet numbers, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        CheckFetch(request);
        RejectVanished(request);
        if (numbers.IsEmpty)
        {
            return NoMessages();
        }

        var batches = FetchBatcher.ForSequenceNumbers(numbers, Count);
        return FetchBatchesAsync(batches, StreamingAhead, (set, from, results) => new FetchCommand(Selection, SequenceSet.FromNumbers(set), request, results) { DeliverFrom = from }, cancellationToken);
    }

    /// <summary>
    /// UID FETCH with CHANGEDSINCE, and with <see cref="FetchRequest.IncludeVanished"/> the VANISHED modifier (RFC 7162
    /// §3.1.4, §3.2.6): in one round trip, the messages of the set whose mod-sequence is above
    /// <see cref="FetchRequest.ChangedSince"/> and the UIDs of the set expunged since then. A large set goes in batches
    /// as with <see cref="FetchAsync(UidSet, FetchRequest, CancellationToken)"/>.
    /// </summary>
    /// <param name="uids">Which messages (typically the UIDs held locally).</param>
    /// <param name="request">What to fetch; <see cref="FetchRequest.ChangedSince"/> is required.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The changed messages and, when asked, the vanished UIDs.</returns>
    /// <exception cref="ArgumentException">The request has no <see cref="FetchRequest.ChangedSince"/>.</exception>
    /// <exception cref="NotSupportedException">
    /// CHANGEDSINCE without CONDSTORE, or VANISHED without QRESYNC enabled on the connection (RFC 7162 §3.2.6).
    /// </exception>
    /// <exception cref="InvalidOperationException">This mailbox is no longer the selected one.</exception>
    public async Task<FetchChangesResult> FetchChangesAsync(UidSet uids, FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ChangedSince is null)
        {
            throw new ArgumentException("FetchChangesAsync needs FetchRequest.ChangedSince (RFC 7162 §3.1.4).", nameof(request));
        }

        if (request.IncludeVanished && !client.EnabledExtensions.Contains("QRESYNC"))
        {
            throw new NotSupportedException("The VANISHED fetch modifier needs QRESYNC enabled on the connection (RFC 7162 §3.2.6): add it to ImapClientOptions.EnableExtensions.");
        }

        CheckFetch(request);
        var changed = new List<MessageSummary>();
        var commands = new List<FetchCommand>();
        if (!uids.IsEmpty)
        {
            var batches = FetchBatcher.ForUids(uids, Count, UidNext);
            var stream = FetchBatchesAsync(
                batches,
                CollectingAhead,
                (set, from, results) =>
                {
                    var command = new FetchCommand(Selection, UidSet.FromNumbers(set), request, results) { DeliverFrom = from };
                    commands.Add(command);
                    return command;
                },
                cancellationToken);
            await foreach (var summary in stream.ConfigureAwait(false))
            {
                changed.Add(summary);
            }
        }

        var vanished = UidSet.Empty;
        foreach (var command in commands)
        {
            vanished = vanished.Union(command.Vanished);
        }

        return new FetchChangesResult(changed, vanished);
    }

    /// <summary>UID FETCH of summaries, collected into a list.</summary>
    /// <param name="uids">Which messages.</param>
    /// <param name="request">What to fetch.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<IReadOnlyList<MessageSummary>> FetchListAsync(UidSet uids, FetchRequest request, CancellationToken cancellationToken = default)
    {
        var list = new List<MessageSummary>();
        await foreach (var summary in FetchUidsAsync(uids, request, CollectingAhead, cancellationToken).ConfigureAwait(false))
        {
            list.Add(summary);
        }

        return list;
    }

    /// <summary>
    /// The message with this UID, or one section of it, as bytes (UID FETCH uid BODY.PEEK[section]; \Seen is not
    /// set): the whole message, the header, some header fields, a MIME part (still transfer-encoded), a range.
    /// Concurrent calls are pipelined on the connection. The array is allocated once, at the length the server
    /// announces; for bodies of more than a few megabytes, <see cref="OpenBodyAsync"/> reads in constant memory.
    /// </summary>
    /// <param name="uid">The message.</param>
    /// <param name="section">Which part; null for the whole message (<see cref="BodySection.Full"/>).</param>
    /// <param name="cancellationToken">Cancels the wait; the bytes are then drained and dropped.</param>
    /// <exception cref="ImapProtocolException">The server completed the command without the section.</exception>
    /// <exception cref="ImapLimitExceededException">
    /// The body is longer than <see cref="ImapLimits.MaxBodySize"/> or than an array can be.
    /// </exception>
    public Task<byte[]> FetchBodyBytesAsync(Uid uid, BodySection? section = null, CancellationToken cancellationToken = default)
    {
        EnsureValid();
        return client.RunAsync(new FetchBodyCommand(Selection, uid, section ?? BodySection.Full, maxLength: MaxBytesLength), cancellationToken);
    }

    /// <summary>
    /// The newest <paramref name="n"/> messages by sequence number (<c>Count-n+1:Count</c>), as of now; all of them
    /// when there are fewer, and the empty set (which fetches nothing) in an empty mailbox.
    /// </summary>
    /// <param name="n">How many.</param>
    public SequenceSet Newest(uint n)
    {
        uint count = Count;
        return count == 0 || n == 0 ? SequenceSet.Empty : SequenceSet.FromRange(count > n ? count - n + 1 : 1, count);
    }

    /// <summary>The longest body <see cref="FetchBodyBytesAsync"/> takes into one array.</summary>
    private long MaxBytesLength => Math.Min(FetchBodyCommand.MaxArrayLength, client.Options.Limits.MaxBodySize);

    private void CheckFetch(FetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.ChangedSince is not null || (request.Items & FetchItems.ModSeq) != 0) && !client.Capabilities.Contains("CONDSTORE"))
        {
            throw new NotSupportedException("MODSEQ and CHANGEDSINCE need CONDSTORE (RFC 7162), which the server does not offer.");
        }

        EnsureValid();
    }

    /// <summary>The vanished UIDs of a fetch can only be returned by <see cref="FetchChangesAsync"/>, not streamed.</summary>
    private static void RejectVanished(FetchRequest request)
    {
        if (request.IncludeVanished)
        {
            throw new ArgumentException("FetchRequest.IncludeVanished: use FetchChangesAsync, which returns the vanished UIDs with the changed messages (a UID FETCH with CHANGEDSINCE, RFC 7162 §3.2.6).", nameof(request));
        }
    }

    /// <summary>
    /// Runs the batches, at most <paramref name="ahead"/> in flight (one ahead of the reader when streaming); see the
    /// remarks of <see cref="FetchAsync(UidSet, FetchRequest, CancellationToken)"/>.
    /// </summary>
    private async IAsyncEnumerable<MessageSummary> FetchBatchesAsync(
        FetchBatcher batches,
        int ahead,
        Func<NumberSet, uint, SummaryQueue, FetchCommand> create,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Queue<FetchBatch>(ahead);
        try
        {
            StartBatches(allDone: true);
            while (pending.TryDequeue(out var batch))
            {
                StartBatches(allDone: false);
                while (await batch.Results.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (batch.Results.TryRead(out var summary))
                    {
                        yield return summary;
                    }
                }

                await batch.Completion.ConfigureAwait(false);
                batches.Observe(batch.Members, batch.Command.Received);
                StartBatches(allDone: pending.Count == 0);
            }
        }
        finally
        {
            // Batches not yet sent are withdrawn; batches on the wire are abandoned and drained by the dispatcher.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var batch in pending)
            {
                ObserveQuietly(batch.Completion);
            }
        }

        // allDone: no batch is in flight, so the open tail may go (see FetchBatcher.TailIsNext).
        void StartBatches(bool allDone)
        {
            // Streaming: one batch per call, so one ahead of the reader. Collecting: as many as allowed at once.
            do
            {
                if (pending.Count >= ahead || (!allDone && batches.TailIsNext) || !batches.TryNext(out var set, out uint deliverFrom))
                {
                    return;
                }

                var results = new SummaryQueue();
                var command = create(set, deliverFrom, results);
                pending.Enqueue(new FetchBatch(command, results, client.RunAsync(command, stop.Token), set.IsBounded ? set.Count : 0));
                allDone = false;
            }
            while (ahead > StreamingAhead);
        }
    }

#pragma warning disable CS1998 // An empty async iterator: nothing to await.
    private static async IAsyncEnumerable<MessageSummary> NoMessages()
    {
        yield break;
    }
#pragma warning restore CS1998

    private static void ObserveQuietly(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private sealed record FetchBatch(FetchCommand Command, SummaryQueue Results, Task Completion, long Members);
}
