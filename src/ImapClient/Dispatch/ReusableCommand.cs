using Imap.Protocol.Responses;
using Microsoft.Extensions.ObjectPool;

namespace Imap.Dispatch;

/// <summary>
/// A command object that goes back to a pool once it has succeeded, for the small commands an application sends over
/// and over (NOOP, STATUS): such a command then allocates no command object (docs/design.md, "Dispatch").
/// </summary>
/// <remarks>
/// <para>
/// Two sides hold the command while it runs: the reader loop, until <see cref="Complete"/> has returned, and the
/// caller, until it has taken the result (<see cref="OnResultTaken"/>). Either may finish first (the caller's
/// continuation runs on another thread while the reader loop is still inside <see cref="Complete"/>); whichever
/// finishes second returns the command to the pool. The dispatcher lets go of a command before completing it (it is out
/// of the tag table, the in-flight set and the send queue by then), so nothing else refers to it. The permit is
/// released under the dispatcher's lock (in <c>Pump</c>), which the reader loop takes before it completes a command,
/// so a permit release cannot land on a command already reset; releasing permits outside that lock would break this.
/// </para>
/// <para>
/// A command that fails, is cancelled or is abandoned never goes back: its caller did not take a result, and a late
/// response or cancellation callback may still reach it. The garbage collector takes it, as it takes any command.
/// </para>
/// <para>
/// A reused command's completion and permit are new versions (<see cref="System.Threading.Tasks.Sources.ManualResetValueTaskSourceCore{TResult}.Reset"/>),
/// so an awaiter left from an earlier use would fail rather than see another caller's outcome.
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The command type: each has its own pool.</typeparam>
/// <typeparam name="TResult">The command's result.</typeparam>
internal abstract class ReusableCommand<TSelf, TResult> : PendingCommand<TResult>
    where TSelf : ReusableCommand<TSelf, TResult>, new()
{
    private const int Sides = 2;

    // A few per core: commands sent one after another reuse one; a burst of thousands in flight allocates the rest, and
    // only this many are kept afterwards.
    private static readonly ObjectPool<TSelf> Pool = new DefaultObjectPool<TSelf>(new Policy(), Environment.ProcessorCount * 4);

    private int holders = Sides;

    /// <summary>A command from the pool, or a new one.</summary>
    public static TSelf Rent() => Pool.Get();

    public sealed override void Complete(TaggedResponse tagged)
    {
        base.Complete(tagged);
        Release();
    }

    internal sealed override void OnResultTaken() => Release();

    /// <summary>Lets go of what the last use referred to (its arguments, its answer) before the command waits in the pool.</summary>
    protected virtual void Clear()
    {
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref holders) == 0)
        {
            Pool.Return((TSelf)this);
        }
    }

    private sealed class Policy : PooledObjectPolicy<TSelf>
    {
        public override TSelf Create() => new();

        public override bool Return(TSelf obj)
        {
            obj.Clear();
            obj.ResetCompletion();
            obj.holders = Sides;
            return true;
        }
    }
}
