namespace Imap.Commands;

/// <summary>
/// Cuts a large fetch into batches, so that a consumer that reads slowly or stops early costs a bounded amount of
/// memory and wire: the caller keeps one batch ahead of the one being read, and sends no more once it stops.
/// </summary>
/// <remarks>
/// <para>
/// The set is first clamped to the numbers that can exist: sequence numbers up to the message count, UIDs below
/// UIDNEXT. A trailing <c>n:*</c> becomes the known part in batches and an open last batch from the known top
/// (<c>top:*</c>), so that messages that arrive meanwhile are still included. That batch also returns the top message
/// again (<c>n:*</c> always includes the largest number, RFC 9051 §9), so it delivers only numbers above the top.
/// </para>
/// <para>
/// A batch holds about <see cref="Target"/> messages. UIDs may be sparse (expunged messages leave gaps), so the number
/// of set members per batch starts from the mailbox's density and then follows what each finished batch delivered.
/// </para>
/// </remarks>
internal sealed class FetchBatcher
{
    /// <summary>Messages per batch that the batch size aims at.</summary>
    public const long Target = 500;

    /// <summary>Largest factor between set members and messages assumed for a batch.</summary>
    private const long MaxSparsity = 1024;

    private readonly NumberRange[] ranges;
    private readonly NumberSet whole;
    private readonly ulong tailStart;
    private readonly uint tailDeliverFrom;
    private bool wholePending;
    private bool tailPending;
    private int index;
    private ulong next;

    private FetchBatcher(NumberSet whole)
    {
        ranges = [];
        this.whole = whole;
        wholePending = true;
        Limit = long.MaxValue;
    }

    private FetchBatcher(NumberRange[] ranges, (ulong Start, uint DeliverFrom)? tail, long limit)
    {
        this.ranges = ranges;
        next = ranges.Length > 0 ? ranges[0].Start : 0;
        if (tail is { } t)
        {
            tailPending = true;
            tailStart = t.Start;
            tailDeliverFrom = t.DeliverFrom;
        }

        Limit = limit;
    }

    /// <summary>Set members per batch.</summary>
    public long Limit { get; private set; }

    /// <summary>
    /// Whether the next batch is the open tail. It shares the top number with the batch before it, so it must not be
    /// in flight beside that one: a server may answer pipelined fetches interleaved, and the top message's answer to
    /// the tail would be taken by the earlier batch, out of order.
    /// </summary>
    public bool TailIsNext => tailPending && !wholePending && index >= ranges.Length;

    /// <summary>Batches for a UID set, given the mailbox's message count and UIDNEXT as last known.</summary>
    public static FetchBatcher ForUids(UidSet set, uint count, uint? uidNext)
    {
        if (IsWhole(set.Numbers, count) || uidNext is null or <= 1)
        {
            return new FetchBatcher(set.Numbers);
        }

        uint top = uidNext.Value - 1;
        long sparsity = Math.Clamp(top / Math.Max(count, 1u), 1, 8);
        return Clamp(set.Numbers, top, Target * sparsity);
    }

    /// <summary>Batches for a sequence set, given the message count (sequence numbers are dense).</summary>
    public static FetchBatcher ForSequenceNumbers(SequenceSet set, uint count) =>
        IsWhole(set.Numbers, count) ? new FetchBatcher(set.Numbers) : Clamp(set.Numbers, count, Target);

    /// <summary>The next batch, or false when the set is exhausted.</summary>
    /// <param name="batch">The numbers to fetch.</param>
    /// <param name="deliverFrom">The smallest number to deliver from this batch's answers (the rest were delivered).</param>
    public bool TryNext(out NumberSet batch, out uint deliverFrom)
    {
        deliverFrom = 0;
        if (wholePending)
        {
            wholePending = false;
            batch = whole;
            return true;
        }

        var pieces = new List<NumberRange>();
        long members = 0;
        while (index < ranges.Length && members < Limit)
        {
            var range = ranges[index];
            ulong take = Math.Min(range.End - next + 1, (ulong)(Limit - members));
            pieces.Add(new NumberRange(next, next + take - 1));
            members += (long)take;
            next += take;
            if (next > range.End && ++index < ranges.Length)
            {
                next = ranges[index].Start;
            }
        }

        if (pieces.Count > 0)
        {
            batch = NumberSet.FromRanges(pieces.ToArray());
            return true;
        }

        if (tailPending)
        {
            tailPending = false;
            batch = NumberSet.FromRanges([new NumberRange(tailStart, NumberSet.Star)]);
            deliverFrom = tailDeliverFrom;
            return true;
        }

        batch = default;
        return false;
    }

    /// <summary>Adjusts the batch size to what a finished batch delivered for the members it asked for.</summary>
    /// <param name="members">The members of the batch's set.</param>
    /// <param name="delivered">The messages it delivered.</param>
    public void Observe(long members, long delivered)
    {
        if (members > 0 && Limit != long.MaxValue)
        {
            Limit = Target * Math.Clamp(members / Math.Max(delivered, 1), 1, MaxSparsity);
        }
    }

    /// <summary>
    /// A saved result ($) goes whole, as does a set that cannot be larger than a batch, or one with a lone <c>*</c>
    /// (which names only the last message, so that cutting it would change its meaning).
    /// </summary>
    private static bool IsWhole(NumberSet set, uint count) =>
        set.IsSavedResult || count <= Target || (set.IsBounded && set.Count <= Target)
        || (set.Ranges.Length > 0 && set.Ranges[^1].Start == NumberSet.Star);

    private static FetchBatcher Clamp(NumberSet set, uint top, long limit)
    {
        var clamped = new List<NumberRange>();
        (ulong, uint)? tail = null;
        foreach (var range in set.Ranges)
        {
            if (range.End == NumberSet.Star)
            {
                // n:* with n beyond the top is left as it is: it means the top message (or newer ones).
                if (range.Start <= top)
                {
                    clamped.Add(new NumberRange(range.Start, top));
                    tail = (top, top == uint.MaxValue ? top : top + 1);
                }
                else
                {
                    tail = (range.Start, 0);
                }

                break;
            }

            if (range.Start <= top)
            {
                clamped.Add(new NumberRange(range.Start, Math.Min(range.End, top)));
            }
        }

        return new FetchBatcher([.. clamped], tail, limit);
    }
}
