using System.Buffers;
using BenchmarkDotNet.Attributes;
using Imap.Protocol;

namespace Imap.Benchmarks;

/// <summary>
/// The codec over a recorded stream of 20,000 FETCH responses (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE
/// BODYSTRUCTURE from Dovecot). Throughput in MB/s is the stream size divided by the median.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ParserBenchmarks
{
    private readonly ResponseFramer framer = new(ImapLimits.Default);
    private ReadOnlySequence<byte> stream;

    public long StreamBytes => stream.Length;

    [GlobalSetup]
    public void Setup()
    {
        stream = new ReadOnlySequence<byte>(FetchStreamData.Load());
        Console.WriteLine($"// stream: {stream.Length} bytes, {FetchStreamData.Messages} messages");
    }

    /// <summary>Framer, then every token of every response read and skipped: no result objects.</summary>
    [Benchmark]
    public int FrameAndTokenize()
    {
        framer.Reset();
        var rest = stream;
        int responses = 0;
        while (true)
        {
            var frame = framer.Advance(rest);
            if (frame.Status != FrameStatus.Complete)
            {
                break;
            }

            var reader = new ResponseTokenizer(rest.Slice(0, frame.Length));
            if (IsProgressNotice(rest.Slice(0, frame.Length)))
            {
                // A loaded Dovecot interleaves "* OK Searched 73% of the mailbox" while recording: not a FETCH.
                rest = rest.Slice(frame.Length);
                continue;
            }

            if (!reader.TryRead((byte)'*') || !reader.TryReadSpace() || !reader.TryReadNumber(out _) || !reader.TryReadSpace()
                || !reader.TryReadAtom(out _) || !reader.TryReadSpace() || !reader.TrySkipValue(64) || !reader.TryReadCrlf())
            {
                throw new InvalidOperationException("token pass failed at response " + responses);
            }

            responses++;
            rest = rest.Slice(frame.Length);
        }

        return responses;
    }

    /// <summary>Framer and parser into FETCH result objects (envelope, body structure, flags ...).</summary>
    [Benchmark]
    public int ParseToSummaries()
    {
        var reader = new ResponseReader(ImapLimits.Default);
        var rest = stream;
        int responses = 0;
        while (true)
        {
            var e = reader.TryRead(rest, out long consumed);
            if (e.Kind == ResponseEventKind.NeedMoreData && consumed == 0)
            {
                break;
            }

            if (e.Kind != ResponseEventKind.Response)
            {
                throw new InvalidOperationException($"{e.Kind} {e.Error} at response {responses}");
            }

            responses++;
            rest = rest.Slice(consumed);
        }

        return responses;
    }

    private static bool IsProgressNotice(ReadOnlySequence<byte> frame)
    {
        if (frame.Length < 5)
        {
            return false;
        }

        Span<byte> start = stackalloc byte[5];
        frame.Slice(0, 5).CopyTo(start);
        return start.SequenceEqual("* OK "u8);
    }
}
