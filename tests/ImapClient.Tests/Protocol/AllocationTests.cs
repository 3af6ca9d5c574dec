using System.Buffers;
using System.Text;
using Imap.Protocol;

namespace Imap.Tests.Protocol;

/// <summary>
/// The framer and the tokenizer allocate nothing per token (docs/design.md, decision 2). Bytes allocated on this thread
/// are counted, which is exact and independent of timing.
/// </summary>
public sealed class AllocationTests
{
    [Test]
    public void Framing_and_tokenizing_every_vector_allocates_nothing()
    {
        var stream = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(string.Concat(ResponseVectors.All)));
        var framer = new ResponseFramer(ImapLimits.Default);
        int frames = FrameAndSkip(framer, stream);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int again = FrameAndSkip(framer, stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(again, Is.EqualTo(frames));
        Assert.That(frames, Is.EqualTo(ResponseVectors.All.Length));
        Assert.That(allocated, Is.Zero);
    }

    private static int FrameAndSkip(ResponseFramer framer, ReadOnlySequence<byte> stream)
    {
        int count = 0;
        while (true)
        {
            var frame = framer.Advance(stream);
            if (frame.Status != FrameStatus.Complete)
            {
                return count;
            }

            var reader = new ResponseTokenizer(stream.Slice(0, frame.Length));
            while (!reader.End)
            {
                if (!reader.TrySkipValue(64) && !reader.TryReadSpace() && !reader.TryReadCrlf())
                {
                    // Bytes that are not values here (a stray "]" or "+" in text): step over one.
                    reader.Skip(1);
                }
            }

            count++;
            stream = stream.Slice(frame.Length);
        }
    }
}
