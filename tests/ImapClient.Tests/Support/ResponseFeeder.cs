using System.Text;
using Imap.Protocol;

namespace Imap.Tests.Support;

/// <summary>
/// Plays a byte stream into a <see cref="ResponseReader"/> the way a pipe would: chunk by chunk, each chunk a
/// separate buffer segment, passing everything unconsumed on each call. Renders the events as text so that two
/// ways of splitting the same bytes can be compared exactly; the bytes of a streamed body are joined, since only
/// their chunking may differ.
/// </summary>
internal sealed class ResponseFeeder
{
    private readonly ResponseReader reader;
    private readonly List<ReadOnlyMemory<byte>> pending = [];
    private readonly List<string> events = [];
    private readonly List<object> responses = [];
    private readonly List<byte> body = [];

    public ResponseFeeder(ImapLimits? limits = null, long streamingThreshold = ResponseFramer.DefaultStreamingThreshold)
    {
        reader = new ResponseReader(limits ?? ImapLimits.Default, streamingThreshold: streamingThreshold);
    }

    public ResponseReader Reader => reader;

    /// <summary>Rendered events so far.</summary>
    public IReadOnlyList<string> Events => events;

    /// <summary>The response objects so far (Response events only).</summary>
    public IReadOnlyList<object> Responses => responses;

    /// <summary>Bytes held and not yet consumed.</summary>
    public long Buffered => pending.Sum(p => (long)p.Length);

    /// <summary>Bytes of streamed bodies seen so far.</summary>
    public long BodyBytes { get; private set; }

    /// <summary>Keeps a streamed body's bytes only up to this many, so hostile sizes cost no memory in tests.</summary>
    public long MaxKeptBodyBytes { get; set; } = 16 * 1024 * 1024;

    public static IReadOnlyList<string> Run(byte[] input, IEnumerable<int> chunkSizes, ImapLimits? limits = null, long streamingThreshold = ResponseFramer.DefaultStreamingThreshold)
    {
        var feeder = new ResponseFeeder(limits, streamingThreshold);
        int offset = 0;
        foreach (int size in chunkSizes)
        {
            if (offset >= input.Length)
            {
                break;
            }

            int take = Math.Min(size, input.Length - offset);
            feeder.Feed(input.AsMemory(offset, take));
            offset += take;
        }

        if (offset < input.Length)
        {
            feeder.Feed(input.AsMemory(offset));
        }

        return feeder.Events;
    }

    public static IReadOnlyList<string> RunWhole(string input, ImapLimits? limits = null, long streamingThreshold = ResponseFramer.DefaultStreamingThreshold)
    {
        var bytes = Encoding.Latin1.GetBytes(input);
        return Run(bytes, [bytes.Length], limits, streamingThreshold);
    }

    public void Feed(ReadOnlyMemory<byte> chunk)
    {
        pending.Add(chunk);
        while (true)
        {
            var buffer = ChunkedSequence.Create(pending);
            var e = reader.TryRead(buffer, out long consumed);
            Record(e);
            Consume(consumed);
            if (e.Kind == ResponseEventKind.NeedMoreData && consumed == 0)
            {
                return;
            }

            if (e.Kind == ResponseEventKind.Fatal)
            {
                pending.Clear();
                return;
            }
        }
    }

    private void Record(ResponseEvent e)
    {
        switch (e.Kind)
        {
            case ResponseEventKind.Response:
                responses.Add(e.Response!);
                events.Add(Dump.Of(e.Response));
                break;
            case ResponseEventKind.Malformed:
                events.Add("MALFORMED " + e.Error.Message);
                break;
            case ResponseEventKind.Fatal:
                events.Add("FATAL " + e.FrameError);
                break;
            case ResponseEventKind.BodyStart:
                body.Clear();
                events.Add($"BODY-START {e.Body.Item}[{e.Body.Section}]<{e.Body.Origin}> {e.Body.Length} {Dump.Of(e.Fetch)}");
                break;
            case ResponseEventKind.BodyData:
                BodyBytes += e.Data.Length;
                foreach (var segment in e.Data)
                {
                    long room = MaxKeptBodyBytes - body.Count;
                    if (room > 0)
                    {
                        body.AddRange(segment.Span[..(int)Math.Min(room, segment.Length)]);
                    }
                }

                break;
            case ResponseEventKind.BodyEnd:
                events.Add("BODY " + Encoding.Latin1.GetString([.. body]));
                break;
        }
    }

    private void Consume(long count)
    {
        while (count > 0)
        {
            var first = pending[0];
            if (first.Length <= count)
            {
                count -= first.Length;
                pending.RemoveAt(0);
            }
            else
            {
                pending[0] = first[(int)count..];
                count = 0;
            }
        }
    }
}
