using System.Text;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>SEARCH, SORT, ESEARCH, THREAD and VANISHED.</summary>
internal sealed partial class ResponseParser
{
    // "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]; search-sort-mod-seq = "(" "MODSEQ" SP mod-sequence-value ")"
    // SORT has the same shape, but its order is the answer. SEARCH's numbers become ranges as they are read: a
    // search that matches ten million messages costs as many ranges as it has gaps, never a number each.
    private static string? ParseSearch(ref ResponseTokenizer r, bool isSort, ref ImapResponse? response)
    {
        List<uint>? ordered = null;
        var ranges = new SearchRanges();
        string? failure = isSort ? ReadNumberList(ref r, ordered = []) : ReadSearchNumbers(ref r, ref ranges);
        if (failure is not null)
        {
            return failure;
        }

        ulong? modSeq = null;
        if (r.TryRead((byte)'('))
        {
            if (!r.TryReadKeyword("MODSEQ"u8) || !r.TryReadSpace() || !r.TryReadNumber64(out ulong value) || !r.TryRead((byte)')'))
            {
                return "(MODSEQ n)";
            }

            modSeq = value;
        }

        response = ordered is not null ? new SortResponse(ordered, modSeq) : new SearchResponse(ranges.ToSet(), modSeq);
        return null;
    }

    private static string? ReadSearchNumbers(ref ResponseTokenizer r, ref SearchRanges ranges)
    {
        while (r.TryReadSpace())
        {
            if (r.IsNext((byte)'(') || r.IsNext((byte)'\r'))
            {
                // "(" starts the MODSEQ of RFC 7162; a trailing SP before CRLF is a known server habit.
                break;
            }

            if (!r.TryReadNzNumber(out uint n))
            {
                return "a message number";
            }

            ranges.Add(n);
        }

        return null;
    }

    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    private string? ParseESearch(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        string? tag = null;
        bool isUid = false;
        var result = new ESearchResponse(null, false);
        Span<byte> scratch = stackalloc byte[32];
        while (r.TryReadSpace())
        {
            if (r.IsNext((byte)'\r'))
            {
                break;
            }

            if (r.TryRead((byte)'('))
            {
                // search-correlator = SP "(" "TAG" SP tag-string ")" (RFC 9051 also allows more items; skip those)
                if (!r.TryReadKeyword("TAG"u8) || !r.TryReadSpace() || !r.TryReadString(out var tagString))
                {
                    return "(TAG \"...\")";
                }

                tag = tagString.GetString();
                while (r.TryReadSpace())
                {
                    if (!r.TrySkipValue(limits.MaxNestingDepth))
                    {
                        return "a correlator item";
                    }
                }

                if (!r.TryRead((byte)')'))
                {
                    return ") of the correlator";
                }

                continue;
            }

            if (r.TryReadKeyword("UID"u8))
            {
                isUid = true;
                continue;
            }

            if (!r.TryReadAtom(out var nameToken) || !r.TryReadSpace())
            {
                return "an ESEARCH result item";
            }

            var name = ContiguousToken.AsSpan(nameToken, scratch);

            if (Ascii.EqualsIgnoreCase(name, "MIN"u8) || Ascii.EqualsIgnoreCase(name, "MAX"u8) || Ascii.EqualsIgnoreCase(name, "COUNT"u8))
            {
                if (!r.TryReadNumber(out uint number))
                {
                    return "a number";
                }

                result = name[1] is (byte)'I' or (byte)'i' ? result with { Min = number }
                    : name[1] is (byte)'A' or (byte)'a' ? result with { Max = number }
                    : result with { Count = number };
            }
            else if (Ascii.EqualsIgnoreCase(name, "ALL"u8))
            {
                if (!TryReadUidSet(ref r, out var all))
                {
                    return "a sequence set";
                }

                result = result with { All = all };
            }
            else if (Ascii.EqualsIgnoreCase(name, "MODSEQ"u8))
            {
                if (!r.TryReadNumber64(out ulong modSeq))
                {
                    return "a mod-sequence";
                }

                result = result with { ModSeq = modSeq };
            }
            else if (Ascii.EqualsIgnoreCase(name, "PARTIAL"u8))
            {
                // "PARTIAL" SP "(" partial-range SP partial-results ")"; partial-range = ["-"] num ":" ["-"] num
                if (!r.TryRead((byte)'(') || !TryReadPartialNumber(ref r, out long first) || !r.TryRead((byte)':')
                    || !TryReadPartialNumber(ref r, out long last) || !r.TryReadSpace())
                {
                    return "PARTIAL range";
                }

                UidSet? found = null;
                if (!r.TryReadNil() && !TryReadUidSet(ref r, out found))
                {
                    return "PARTIAL results";
                }

                if (!r.TryRead((byte)')'))
                {
                    return ") of PARTIAL";
                }

                result = result with { Partial = (first, last, found) };
            }
            else if (!r.TrySkipValue(limits.MaxNestingDepth))
            {
                return "a search return value";
            }
        }

        response = result with { Tag = tag, IsUid = isUid };
        return null;
    }

    private static bool TryReadPartialNumber(ref ResponseTokenizer r, out long value)
    {
        bool negative = r.TryRead((byte)'-');
        value = 0;
        if (!r.TryReadNzNumber(out uint magnitude))
        {
            return false;
        }

        value = negative ? -(long)magnitude : magnitude;
        return true;
    }

    // thread-data = "THREAD" [SP 1*thread-list]; thread-list = "(" (thread-members / thread-nested) ")"
    // Parsed with an explicit stack: hostile nesting ends at MaxNestingDepth, never in a stack overflow.
    private string? ParseThread(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        var roots = new List<ThreadNode>();
        if (!r.TryReadSpace())
        {
            response = new ThreadResponse(roots);
            return null;
        }

        // Each open list collects the chain of members and then nested sub-threads; a chain a b c means a is the
        // parent of b, which is the parent of c, and nested lists are children of the chain's last member.
        var stack = new Stack<ThreadBuilder>();
        while (true)
        {
            if (r.TryRead((byte)'('))
            {
                if (stack.Count >= limits.MaxNestingDepth)
                {
                    return "THREAD nested deeper than the limit";
                }

                stack.Push(new ThreadBuilder());
                continue;
            }

            if (stack.Count == 0)
            {
                break;
            }

            if (r.TryRead((byte)')'))
            {
                var done = stack.Pop().Build();
                if (stack.Count == 0)
                {
                    roots.AddRange(done);
                }
                else
                {
                    stack.Peek().Nested.AddRange(done);
                }

                continue;
            }

            if (r.TryReadSpace())
            {
                continue;
            }

            if (!r.TryReadNzNumber(out uint number))
            {
                return "a message number in THREAD";
            }

            var current = stack.Peek();
            if (current.Nested.Count > 0)
            {
                return "thread members after a nested thread";
            }

            current.Chain.Add(number);
        }

        response = new ThreadResponse(roots);
        return null;
    }

    // "VANISHED" [SP "(EARLIER)"] SP known-uids
    private static string? ParseVanished(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace())
        {
            return "SP after VANISHED";
        }

        bool earlier = false;
        if (r.TryRead((byte)'('))
        {
            if (!r.TryReadKeyword("EARLIER"u8) || !r.TryRead((byte)')') || !r.TryReadSpace())
            {
                return "(EARLIER)";
            }

            earlier = true;
        }

        if (!TryReadUidSet(ref r, out var uids))
        {
            return "a UID set";
        }

        response = new VanishedResponse(earlier, uids!);
        return null;
    }

    /// <summary>
    /// Numbers gathered as ranges: a number that extends the last range costs nothing; any other starts a range. The
    /// set is normalised once at the end (servers send ascending numbers, but need not).
    /// </summary>
    private struct SearchRanges
    {
        private List<UidRange>? closed;
        private uint first;
        private uint last;

        public void Add(uint number)
        {
            if (first != 0 && number >= first && number <= last)
            {
                return;
            }

            if (first != 0 && number == last + 1)
            {
                last = number;
                return;
            }

            if (first != 0)
            {
                (closed ??= []).Add(new UidRange(new Uid(first), new Uid(last)));
            }

            first = last = number;
        }

        public readonly UidSet ToSet()
        {
            if (first == 0)
            {
                return UidSet.Empty;
            }

            var current = new UidRange(new Uid(first), new Uid(last));
            if (closed is null)
            {
                return UidSet.FromRanges([current]);
            }

            closed.Add(current);
            return UidSet.FromRanges(closed);
        }
    }

    private sealed class ThreadBuilder
    {
        public List<uint> Chain { get; } = [];

        public List<ThreadNode> Nested { get; } = [];

        /// <summary>The nodes this list contributes to its parent.</summary>
        public List<ThreadNode> Build()
        {
            if (Chain.Count == 0)
            {
                // "((3)(5))": a missing parent; its nested threads are siblings under a placeholder.
                return [new ThreadNode(0, Nested.ToArray())];
            }

            IReadOnlyList<ThreadNode> children = Nested.ToArray();
            ThreadNode node = new(Chain[^1], children);
            for (int i = Chain.Count - 2; i >= 0; i--)
            {
                node = new ThreadNode(Chain[i], [node]);
            }

            return [node];
        }
    }
}
