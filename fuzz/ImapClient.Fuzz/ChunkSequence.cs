using System.Buffers;

namespace Imap.Fuzz;

/// <summary>A <see cref="ReadOnlySequence{T}"/> whose segment boundaries are exactly the given chunks.</summary>
internal static class ChunkSequence
{
    public static ReadOnlySequence<byte> Create(List<ReadOnlyMemory<byte>> chunks)
    {
        Segment? first = null;
        Segment? last = null;
        foreach (var chunk in chunks)
        {
            if (chunk.IsEmpty)
            {
                continue;
            }

            if (last is null)
            {
                first = last = new Segment(chunk, 0);
            }
            else
            {
                var next = new Segment(chunk, last.RunningIndex + last.Memory.Length);
                last.SetNext(next);
                last = next;
            }
        }

        return first is null || last is null
            ? ReadOnlySequence<byte>.Empty
            : new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
