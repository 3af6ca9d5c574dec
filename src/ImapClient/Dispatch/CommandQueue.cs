namespace Imap.Dispatch;

/// <summary>
/// The FIFO of commands waiting to be sent, linked through the commands themselves so that queueing allocates nothing
/// and a cancelled command leaves from the middle in O(1). Used under the dispatcher's lock only.
/// </summary>
internal sealed class CommandQueue
{
    private PendingCommand? last;

    public PendingCommand? First { get; private set; }

    public void AddLast(PendingCommand command)
    {
        command.QueuePrevious = last;
        command.QueueNext = null;
        command.IsQueued = true;
        if (last is null)
        {
            First = command;
        }
        else
        {
            last.QueueNext = command;
        }

        last = command;
    }

    public void Remove(PendingCommand command)
    {
        if (!command.IsQueued)
        {
            return;
        }

        if (command.QueuePrevious is null)
        {
            First = command.QueueNext;
        }
        else
        {
            command.QueuePrevious.QueueNext = command.QueueNext;
        }

        if (command.QueueNext is null)
        {
            last = command.QueuePrevious;
        }
        else
        {
            command.QueueNext.QueuePrevious = command.QueuePrevious;
        }

        command.QueuePrevious = null;
        command.QueueNext = null;
        command.IsQueued = false;
    }

    /// <summary>Empties the queue, returning what was in it, in order.</summary>
    public List<PendingCommand> Drain()
    {
        var drained = new List<PendingCommand>();
        while (First is { } command)
        {
            Remove(command);
            drained.Add(command);
        }

        return drained;
    }
}
