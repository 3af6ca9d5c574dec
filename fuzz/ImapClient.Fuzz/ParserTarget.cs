using Imap.Protocol;

namespace Imap.Fuzz;

/// <summary>
/// Target "parser": the framer and parser (<see cref="ResponseReader"/>) fed arbitrary bytes, cut into reads at
/// <see cref="FuzzInput.ReadMark"/>. Findings: any exception, a reader that stops making progress, and a reading of
/// the cut input that differs from the reading of the same bytes whole.
/// </summary>
public static class ParserTarget
{
    /// <summary>Limits small enough that every limit is reachable by a short input.</summary>
    private static readonly ImapLimits Tight = new()
    {
        MaxLineLength = 256,
        MaxLiteralSize = 512,
        MaxResponseSize = 2048,
        MaxNestingDepth = 8,
        MaxLiteralsPerResponse = 16,
        MaxBodySize = 4096,
    };

    /// <summary>Events that consume nothing in a row before the reader counts as stuck.</summary>
    private const int MaxIdleEvents = 1000;

    public static void Run(ReadOnlySpan<byte> input)
    {
        var chunks = FuzzInput.Split(input, FuzzInput.ReadMark);
        byte[] whole = [.. chunks.SelectMany(static c => c)];

        // Default limits: the same bytes, whole and cut, must read the same.
        var expected = Read(new ResponseReader(ImapLimits.Default), [whole]);
        var actual = Read(new ResponseReader(ImapLimits.Default), chunks);
        Compare(expected, actual);

        // Tight limits, bodies streamed from 32 bytes, UTF-8 mode: the limit and streaming paths.
        var tight = new ResponseReader(Tight, streamingThreshold: 32);
        tight.Parser.Session.NoteEnabled(["UTF8=ACCEPT"]);
        expected = Read(tight, [whole]);
        tight = new ResponseReader(Tight, streamingThreshold: 32);
        tight.Parser.Session.NoteEnabled(["UTF8=ACCEPT"]);
        actual = Read(tight, chunks);
        Compare(expected, actual);
    }

    /// <summary>Feeds the chunks one by one as a pipe would and renders every event as text.</summary>
    internal static List<string> Read(ResponseReader reader, List<byte[]> chunks)
    {
        var events = new List<string>();
        var pending = new List<ReadOnlyMemory<byte>>();
        ulong body = 0;
        long bodyLength = 0;
        foreach (var chunk in chunks)
        {
            pending.Add(chunk);
            int idle = 0;
            while (true)
            {
                var e = reader.TryRead(ChunkSequence.Create(pending), out long consumed);
                switch (e.Kind)
                {
                    case ResponseEventKind.Response:
                        events.Add("RESPONSE " + e.Response);
                        break;
                    case ResponseEventKind.Malformed:
                        // The offset is left out: the tokenizer leaves no defined position on failure, so it may vary with the cut.
                        events.Add($"MALFORMED {e.Error.Message} {e.Dropped}");
                        break;
                    case ResponseEventKind.Fatal:
                        events.Add("FATAL " + e.FrameError);
                        return events;
                    case ResponseEventKind.BodyStart:
                        body = FnvOffset;
                        bodyLength = 0;
                        events.Add($"BODY-START {e.Body} {e.Fetch}");
                        break;
                    case ResponseEventKind.BodyData:
                        foreach (var segment in e.Data)
                        {
                            body = Fnv(body, segment.Span);
                        }

                        bodyLength += e.Data.Length;
                        break;
                    case ResponseEventKind.BodyEnd:
                        events.Add($"BODY-END {bodyLength} {body:x16}");
                        break;
                }

                Consume(pending, consumed);
                if (e.Kind == ResponseEventKind.NeedMoreData && consumed == 0)
                {
                    break;
                }

                idle = consumed == 0 ? idle + 1 : 0;
                if (idle > MaxIdleEvents)
                {
                    throw new FuzzFindingException($"The reader returned {idle} events in a row without consuming a byte (last: {e.Kind}).");
                }
            }
        }

        return events;
    }

    private const ulong FnvOffset = 14695981039346656037;

    /// <summary>FNV-1a: enough to tell two streamed bodies apart without keeping them.</summary>
    private static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }

    private static void Compare(List<string> whole, List<string> cut)
    {
        int count = Math.Min(whole.Count, cut.Count);
        for (int i = 0; i < count; i++)
        {
            if (!string.Equals(whole[i], cut[i], StringComparison.Ordinal))
            {
                throw new FuzzFindingException($"Event {i} differs when the input is cut into reads: whole \"{whole[i]}\", cut \"{cut[i]}\".");
            }
        }

        if (whole.Count != cut.Count)
        {
            throw new FuzzFindingException($"{whole.Count} events whole but {cut.Count} cut into reads; first extra: \"{(whole.Count > cut.Count ? whole[count] : cut[count])}\".");
        }
    }

    private static void Consume(List<ReadOnlyMemory<byte>> pending, long count)
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
