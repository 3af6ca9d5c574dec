using System.Text;
using Imap.Protocol;
using Imap.Tests.Support;

namespace Imap.Tests.Protocol;

/// <summary>
/// However the bytes arrive, the result is the same: every vector is fed whole, split at every offset, and one byte
/// at a time, each piece its own buffer segment.
/// </summary>
public sealed class ResponseSplitTests
{
    private static readonly byte[] Corpus = Encoding.Latin1.GetBytes(string.Concat(ResponseVectors.All));

    [TestCase(ResponseFramer.DefaultStreamingThreshold)]
    [TestCase(3L)]
    public void Each_vector_split_at_every_offset_parses_the_same(long streamingThreshold)
    {
        foreach (string vector in ResponseVectors.All)
        {
            var bytes = Encoding.Latin1.GetBytes(vector);
            var whole = ResponseFeeder.Run(bytes, [bytes.Length], streamingThreshold: streamingThreshold);
            for (int split = 1; split < bytes.Length; split++)
            {
                var events = ResponseFeeder.Run(bytes, [split, bytes.Length - split], streamingThreshold: streamingThreshold);
                Assert.That(events, Is.EqualTo(whole), $"split at {split}: {vector}");
            }
        }
    }

    [TestCase(ResponseFramer.DefaultStreamingThreshold)]
    [TestCase(3L)]
    public void Whole_corpus_one_byte_at_a_time_parses_the_same(long streamingThreshold)
    {
        var whole = ResponseFeeder.Run(Corpus, [Corpus.Length], streamingThreshold: streamingThreshold);
        var byteByByte = ResponseFeeder.Run(Corpus, Enumerable.Repeat(1, Corpus.Length), streamingThreshold: streamingThreshold);

        Assert.That(whole.Count(e => e.StartsWith("MALFORMED", StringComparison.Ordinal) || e.StartsWith("FATAL", StringComparison.Ordinal)), Is.Zero);
        Assert.That(whole.Count(e => e.StartsWith("BODY-START", StringComparison.Ordinal)), Is.EqualTo(streamingThreshold == 3 ? 5 : 0));
        Assert.That(byteByByte, Is.EqualTo(whole));
    }

    [Test]
    public void Whole_corpus_in_random_chunks_parses_the_same()
    {
        var whole = ResponseFeeder.Run(Corpus, [Corpus.Length]);
        var random = new Random(20261127);
        for (int round = 0; round < 50; round++)
        {
            var sizes = Enumerable.Range(0, Corpus.Length).Select(_ => random.Next(1, 200)).ToList();
            Assert.That(ResponseFeeder.Run(Corpus, sizes), Is.EqualTo(whole), $"round {round}");
        }
    }

    [Test]
    public void Every_proper_prefix_is_incomplete_and_consumes_nothing()
    {
        foreach (string vector in ResponseVectors.All)
        {
            var bytes = Encoding.Latin1.GetBytes(vector);
            for (int length = 0; length < bytes.Length; length++)
            {
                var reader = new ResponseReader(ImapLimits.Default);
                var e = reader.TryRead(new System.Buffers.ReadOnlySequence<byte>(bytes, 0, length), out long consumed);
                Assert.That(e.Kind, Is.EqualTo(ResponseEventKind.NeedMoreData), $"prefix {length} of {vector}");
                Assert.That(consumed, Is.Zero, $"prefix {length} of {vector}");
            }
        }
    }

    [Test]
    public void Streamed_body_arrives_as_start_data_end_with_the_small_items_first()
    {
        var events = ResponseFeeder.RunWhole("* 4 FETCH (UID 10 FLAGS (\\Seen) BODY[]<0> {5}\r\nHello UID 10)\r\n", streamingThreshold: 3);

        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(events[0], Does.StartWith("BODY-START BODY[]<0> 5 FetchResponse{"));
        Assert.That(events[0], Does.Contain("Uid=10").And.Contain("Flags=[MessageFlag{IsKeyword=false, IsSystemFlag=true, Name=\"\\Seen\"}]"));
        Assert.That(events[1], Is.EqualTo("BODY Hello"));
        Assert.That(events[2], Does.StartWith("FetchResponse{").And.Contain("IsStreamed=true"));
    }
}
