using System.Globalization;
using System.Text;

namespace Imap.Tests.Search;

/// <summary>
/// A small reader of the <c>search-program</c> grammar (RFC 9051 §9, RFC 4466 §2.6), written for the tests and
/// independent of the library's writer: it rebuilds a <see cref="SearchQuery"/> through the public factories, so that
/// an encoded query can be compared with the one that was encoded.
/// </summary>
internal sealed class SearchQueryReader
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private readonly byte[] input;
    private int position;

    private SearchQueryReader(byte[] input) => this.input = input;

    /// <summary>Whether the program started with <c>CHARSET UTF-8</c>.</summary>
    public bool HadCharset { get; private set; }

    /// <summary>Reads a whole program: optional CHARSET, then keys separated by spaces.</summary>
    public static (SearchQuery Query, bool Charset) Read(byte[] program)
    {
        var reader = new SearchQueryReader(program);
        var query = reader.ReadProgram();
        return (query, reader.HadCharset);
    }

    private SearchQuery ReadProgram()
    {
        if (PeekWord("CHARSET"))
        {
            ReadAtom();
            Expect(' ');
            string charset = ReadAtom();
            if (charset != "UTF-8")
            {
                throw new FormatException($"charset {charset}");
            }

            Expect(' ');
            HadCharset = true;
        }

        var keys = new List<SearchQuery> { ReadKey() };
        while (position < input.Length)
        {
            Expect(' ');
            keys.Add(ReadKey());
        }

        return Combine(keys);
    }

    private static SearchQuery Combine(List<SearchQuery> keys) => keys.Count == 1 ? keys[0] : keys.Skip(1).Aggregate(keys[0], SearchQuery.And);

    private SearchQuery ReadKey()
    {
        if (input[position] == '(')
        {
            position++;
            var keys = new List<SearchQuery> { ReadKey() };
            while (input[position] == ' ')
            {
                position++;
                keys.Add(ReadKey());
            }

            Expect(')');
            return Combine(keys);
        }

        string word = ReadAtom();
        switch (word.ToUpperInvariant())
        {
            case "ALL": return SearchQuery.All;
            case "ANSWERED": return SearchQuery.Answered;
            case "DELETED": return SearchQuery.Deleted;
            case "DRAFT": return SearchQuery.Draft;
            case "FLAGGED": return SearchQuery.Flagged;
            case "SEEN": return SearchQuery.Seen;
            case "UNANSWERED": return SearchQuery.Unanswered;
            case "UNDELETED": return SearchQuery.Undeleted;
            case "UNDRAFT": return SearchQuery.Undraft;
            case "UNFLAGGED": return SearchQuery.Unflagged;
            case "UNSEEN": return SearchQuery.Unseen;
            case "NEW": return SearchQuery.New;
            case "OLD": return SearchQuery.Old;
            case "RECENT": return SearchQuery.Recent;
            case "SAVEDATESUPPORTED": return SearchQuery.SaveDateSupported;
            case "BCC": return SearchQuery.Bcc(Arg());
            case "BODY": return SearchQuery.Body(Arg());
            case "CC": return SearchQuery.Cc(Arg());
            case "FROM": return SearchQuery.From(Arg());
            case "SUBJECT": return SearchQuery.Subject(Arg());
            case "TEXT": return SearchQuery.Text(Arg());
            case "TO": return SearchQuery.To(Arg());
            case "X-GM-RAW": return SearchQuery.GmailRaw(Arg());
            case "HEADER":
                string field = Arg();
                return SearchQuery.Header(field, Arg());
            case "BEFORE": return SearchQuery.Before(DateArg());
            case "ON": return SearchQuery.On(DateArg());
            case "SINCE": return SearchQuery.Since(DateArg());
            case "SENTBEFORE": return SearchQuery.SentBefore(DateArg());
            case "SENTON": return SearchQuery.SentOn(DateArg());
            case "SENTSINCE": return SearchQuery.SentSince(DateArg());
            case "SAVEDBEFORE": return SearchQuery.SavedBefore(DateArg());
            case "SAVEDON": return SearchQuery.SavedOn(DateArg());
            case "SAVEDSINCE": return SearchQuery.SavedSince(DateArg());
            case "LARGER": return SearchQuery.Larger(checked((long)NumberArg()));
            case "SMALLER": return SearchQuery.Smaller(checked((long)NumberArg()));
            case "OLDER": return SearchQuery.Older(TimeSpan.FromSeconds(NumberArg()));
            case "YOUNGER": return SearchQuery.Younger(TimeSpan.FromSeconds(NumberArg()));
            case "KEYWORD":
                Expect(' ');
                return SearchQuery.Keyword(MessageFlag.Keyword(ReadAtom()));
            case "UNKEYWORD":
                Expect(' ');
                return SearchQuery.Unkeyword(MessageFlag.Keyword(ReadAtom()));
            case "UID":
                Expect(' ');
                return SearchQuery.Uids(UidSet.Parse(ReadAtom()));
            case "MODSEQ":
                return ReadModSeq();
            case "OR":
                Expect(' ');
                var left = ReadKey();
                Expect(' ');
                return SearchQuery.Or(left, ReadKey());
            case "NOT":
                Expect(' ');
                return SearchQuery.Not(ReadKey());
            default:
                return SearchQuery.SequenceNumbers(SequenceSet.Parse(word));
        }
    }

    private SearchQuery ReadModSeq()
    {
        Expect(' ');
        if (input[position] != '"')
        {
            return SearchQuery.ModSeq(ulong.Parse(ReadAtom(), CultureInfo.InvariantCulture));
        }

        string entry = ReadString();
        if (!entry.StartsWith("/flags/", StringComparison.Ordinal))
        {
            throw new FormatException(entry);
        }

        string name = entry["/flags/".Length..];
        var flag = name.ToLowerInvariant() switch
        {
            "\\seen" => MessageFlag.Seen,
            "\\answered" => MessageFlag.Answered,
            "\\flagged" => MessageFlag.Flagged,
            "\\deleted" => MessageFlag.Deleted,
            "\\draft" => MessageFlag.Draft,
            "\\recent" => MessageFlag.Recent,
            _ => MessageFlag.Keyword(name),
        };
        Expect(' ');
        var type = ReadAtom() switch
        {
            "priv" => ModSeqEntryType.Private,
            "shared" => ModSeqEntryType.Shared,
            "all" => ModSeqEntryType.All,
            var other => throw new FormatException(other),
        };
        Expect(' ');
        return SearchQuery.ModSeq(ulong.Parse(ReadAtom(), CultureInfo.InvariantCulture), flag, type);
    }

    private string Arg()
    {
        Expect(' ');
        return input[position] is (byte)'"' or (byte)'{' ? ReadString() : ReadAtom();
    }

    private ulong NumberArg()
    {
        Expect(' ');
        return ulong.Parse(ReadAtom(), CultureInfo.InvariantCulture);
    }

    private DateOnly DateArg()
    {
        Expect(' ');
        string[] parts = ReadAtom().Split('-');
        int month = Array.IndexOf(Months, parts[1]) + 1;
        if (parts.Length != 3 || month == 0 || parts[0].Length is < 1 or > 2 || parts[2].Length != 4)
        {
            throw new FormatException(string.Join('-', parts));
        }

        return new DateOnly(int.Parse(parts[2], CultureInfo.InvariantCulture), month, int.Parse(parts[0], CultureInfo.InvariantCulture));
    }

    private string ReadString()
    {
        if (input[position] == '{')
        {
            int close = Array.IndexOf(input, (byte)'}', position);
            string header = Encoding.ASCII.GetString(input, position + 1, close - position - 1);
            int length = int.Parse(header.TrimEnd('+'), CultureInfo.InvariantCulture);
            position = close + 1;
            Expect('\r');
            Expect('\n');
            string text = Encoding.UTF8.GetString(input, position, length);
            position += length;
            return text;
        }

        Expect('"');
        var bytes = new List<byte>();
        while (input[position] != '"')
        {
            if (input[position] == '\\')
            {
                position++;
                if (input[position] is not ((byte)'"' or (byte)'\\'))
                {
                    throw new FormatException("bad escape");
                }
            }

            bytes.Add(input[position++]);
        }

        position++;
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private string ReadAtom()
    {
        int start = position;
        while (position < input.Length && input[position] is > 0x20 and < 0x7F and not ((byte)'(' or (byte)')' or (byte)'{' or (byte)'"' or (byte)'\\'))
        {
            position++;
        }

        if (position == start)
        {
            throw new FormatException($"an atom at {position}");
        }

        return Encoding.ASCII.GetString(input, start, position - start);
    }

    private bool PeekWord(string word) =>
        input.Length - position > word.Length && Encoding.ASCII.GetString(input, position, word.Length) == word && input[position + word.Length] == ' ';

    private void Expect(char c)
    {
        if (position >= input.Length || input[position] != c)
        {
            throw new FormatException($"'{c}' at {position} of {Encoding.UTF8.GetString(input)}");
        }

        position++;
    }
}
