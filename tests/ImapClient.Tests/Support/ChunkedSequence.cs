using System.Buffers;

namespace Imap.Tests.Support;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> whose segment boundaries are exactly the chunks.</summary>
internal static class ChunkedSequence
{
    public static ReadOnlySequence<byte> Create(IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        var nonEmpty = chunks.Where(c => !c.IsEmpty).ToList();
        if (nonEmpty.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        if (nonEmpty.Count == 1)
        {
            return new ReadOnlySequence<byte>(nonEmpty[0]);
        }

        var first = new Segment(nonEmpty[0], 0);
        var last = first;
        for (int i = 1; i < nonEmpty.Count; i++)
        {
            last = last.Append(nonEmpty[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
