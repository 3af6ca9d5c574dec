using System.Text;
using Imap.Commands;
using Imap.Protocol;

namespace Imap.Tests.Search;

/// <summary>The query builder: encoding, printing, equality, and random queries read back by an independent reader.</summary>
public sealed class SearchQueryTests
{
    private const string Characters = "abcXYZ019 \"\\(){}*%]$:,-.\tüжé😀\r\n";

    [Test]
    public void Operators_build_and_or_not_in_imap_syntax()
    {
        var query = (SearchQuery.Unseen & SearchQuery.From("bob")) | !SearchQuery.Larger(1024);

        Assert.That(query.ToString(), Is.EqualTo("OR (UNSEEN FROM bob) NOT LARGER 1024"));
        Assert.That(SearchQuery.Not(SearchQuery.Seen & SearchQuery.Flagged).ToString(), Is.EqualTo("NOT (SEEN FLAGGED)"));
    }

    [Test]
    public void And_is_flattened_so_grouping_does_not_change_the_query()
    {
        var a = SearchQuery.Seen;
        var b = SearchQuery.To("x");
        var c = SearchQuery.Smaller(5);

        Assert.That((a & b) & c, Is.EqualTo(a & (b & c)));
        Assert.That(((a & b) & c).ToString(), Is.EqualTo("SEEN TO x SMALLER 5"));
        Assert.That(a & b, Is.Not.EqualTo(b & a), "order is kept as written");
    }

    [Test]
    public void Named_methods_equal_the_operators()
    {
        var a = SearchQuery.Draft;
        var b = SearchQuery.Cc("c");

        Assert.That(SearchQuery.BitwiseAnd(a, b), Is.EqualTo(a & b));
        Assert.That(SearchQuery.BitwiseOr(a, b), Is.EqualTo(a | b));
        Assert.That(SearchQuery.LogicalNot(a), Is.EqualTo(!a));
        Assert.That(SearchQuery.Or(a, b), Is.Not.EqualTo(SearchQuery.Or(b, a)));
    }

    [Test]
    public void Flags_map_to_their_own_keys_and_keywords_to_keyword()
    {
        Assert.That(SearchQuery.Keyword(MessageFlag.Seen), Is.SameAs(SearchQuery.Seen));
        Assert.That(SearchQuery.Unkeyword(MessageFlag.Seen), Is.SameAs(SearchQuery.Unseen));
        Assert.That(SearchQuery.Keyword(MessageFlag.Deleted), Is.SameAs(SearchQuery.Deleted));
        Assert.That(SearchQuery.Unkeyword(MessageFlag.Draft), Is.SameAs(SearchQuery.Undraft));
        Assert.That(SearchQuery.Keyword(MessageFlag.Recent), Is.SameAs(SearchQuery.Recent));
        Assert.That(SearchQuery.Unkeyword(MessageFlag.Recent), Is.SameAs(SearchQuery.Old));
        Assert.That(SearchQuery.Keyword(MessageFlag.Keyword("$Label1")).ToString(), Is.EqualTo("KEYWORD $Label1"));
        Assert.That(SearchQuery.Unkeyword(MessageFlag.Keyword("Junk")).ToString(), Is.EqualTo("UNKEYWORD Junk"));
        Assert.That(() => SearchQuery.Keyword(default), Throws.ArgumentException);
    }

    [Test]
    public void Strings_are_atoms_when_they_can_be_and_quoted_otherwise_when_printed()
    {
        Assert.That(SearchQuery.Subject("hello").ToString(), Is.EqualTo("SUBJECT hello"));
        Assert.That(SearchQuery.Subject("two words").ToString(), Is.EqualTo("SUBJECT \"two words\""));
        Assert.That(SearchQuery.Subject("say \"hi\" \\o/").ToString(), Is.EqualTo("SUBJECT \"say \\\"hi\\\" \\\\o/\""));
        Assert.That(SearchQuery.Body(string.Empty).ToString(), Is.EqualTo("BODY \"\""));
        Assert.That(SearchQuery.Header("List-Id", "dotnet").ToString(), Is.EqualTo("HEADER List-Id dotnet"));
    }

    [Test]
    public void Sets_and_saved_result_print_compactly()
    {
        Assert.That(SearchQuery.Uids(UidSet.Parse("1:3,5,9:*")).ToString(), Is.EqualTo("UID 1:3,5,9:*"));
        Assert.That(SearchQuery.Uids(UidSet.SavedResult).ToString(), Is.EqualTo("UID $"));
        Assert.That(SearchQuery.SavedResult.ToString(), Is.EqualTo("$"));
        Assert.That(SearchQuery.SequenceNumbers(SequenceSet.Parse("1,2,3")).ToString(), Is.EqualTo("1:3"));
        Assert.That(SearchQuery.SavedResult, Is.EqualTo(SearchQuery.SequenceNumbers(SequenceSet.SavedResult)));
    }

    [Test]
    public void Extension_keys_print_their_rfc_syntax()
    {
        Assert.That(SearchQuery.Older(TimeSpan.FromSeconds(3600.7)).ToString(), Is.EqualTo("OLDER 3600"));
        Assert.That(SearchQuery.Younger(TimeSpan.FromDays(2)).ToString(), Is.EqualTo("YOUNGER 172800"));
        Assert.That(SearchQuery.SavedOn(new DateOnly(2020, 10, 3)).ToString(), Is.EqualTo("SAVEDON 3-Oct-2020"));
        Assert.That(SearchQuery.GmailRaw("has:attachment in:unread").ToString(), Is.EqualTo("X-GM-RAW \"has:attachment in:unread\""));
        Assert.That(SearchQuery.ModSeq(0).ToString(), Is.EqualTo("MODSEQ 0"));
        Assert.That(SearchQuery.ModSeq(9, MessageFlag.Seen, ModSeqEntryType.Shared).ToString(), Is.EqualTo("MODSEQ \"/flags/\\\\seen\" shared 9"));
    }

    [Test]
    public void Equal_queries_have_equal_hash_codes()
    {
        var a = SearchQuery.From("x") | (SearchQuery.Since(new DateOnly(2024, 1, 1)) & !SearchQuery.Keyword(MessageFlag.Keyword("k")));
        var b = SearchQuery.From("x") | (SearchQuery.Since(new DateOnly(2024, 1, 1)) & !SearchQuery.Keyword(MessageFlag.Keyword("K")));

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a, Is.Not.EqualTo(SearchQuery.From("y") | SearchQuery.All));
    }

    [Test]
    public void A_literal_is_used_for_line_breaks_and_long_text()
    {
        var query = SearchQuery.Body("a\r\nb") & SearchQuery.Text(new string('x', 1100));
        byte[] wire = Encode(query, LiteralMode.LiteralPlus, utf8: false);

        Assert.That(Encoding.ASCII.GetString(wire), Does.StartWith("BODY {4+}\r\na\r\nb TEXT {1100+}\r\nxxx"));
    }

    [Test]
    public void Ascii_queries_never_name_a_charset()
    {
        byte[] wire = Encode(SearchQuery.From("plain"), LiteralMode.Synchronizing, utf8: false);
        Assert.That(Encoding.ASCII.GetString(wire), Is.EqualTo("FROM plain"));
    }

    [Test]
    public void Random_queries_encode_to_bytes_the_reader_reads_back_as_the_same_query([Values(0, 1, 2, 3)] int variant, [Range(1, 250)] int seed)
    {
        var random = new Random((seed * 31) + variant);
        var query = RandomQuery(random, depth: 0);
        bool utf8 = (variant & 1) != 0;
        var literals = (variant & 2) != 0 ? LiteralMode.LiteralPlus : LiteralMode.Synchronizing;

        byte[] wire = Encode(query, literals, utf8);
        var (read, charset) = SearchQueryReader.Read(wire);
        Assert.That(read, Is.EqualTo(query), () => Encoding.UTF8.GetString(wire));
        Assert.That(charset, Is.EqualTo(!utf8 && !Ascii.IsValid(query.ToString())), "CHARSET UTF-8 exactly when non-ASCII text goes without UTF-8 in force");

        var (printed, _) = SearchQueryReader.Read(Encoding.UTF8.GetBytes(query.ToString()));
        Assert.That(printed, Is.EqualTo(query), query.ToString);
    }

    private static byte[] Encode(SearchQuery query, LiteralMode literals, bool utf8)
    {
        var needs = new SearchNeeds(_ => true);
        query.Collect(needs);
        using var writer = new CommandWriter(new CommandWriterOptions(literals, utf8));
        SearchSyntax.WriteCharset(writer, needs.HasNonAscii);
        SearchSyntax.WriteKeys(writer, query);
        return writer.WrittenSpan.ToArray();
    }

    private static SearchQuery RandomQuery(Random random, int depth)
    {
        int choice = random.Next(depth > 3 ? 10 : 14);
        return choice switch
        {
            0 => Pick(random, [SearchQuery.All, SearchQuery.Answered, SearchQuery.Deleted, SearchQuery.Draft, SearchQuery.Flagged, SearchQuery.Seen,
                SearchQuery.Unanswered, SearchQuery.Undeleted, SearchQuery.Undraft, SearchQuery.Unflagged, SearchQuery.Unseen, SearchQuery.New,
                SearchQuery.Old, SearchQuery.Recent, SearchQuery.SavedResult, SearchQuery.SaveDateSupported]),
            1 => Pick<Func<string, SearchQuery>>(random, [SearchQuery.Bcc, SearchQuery.Body, SearchQuery.Cc, SearchQuery.From, SearchQuery.Subject,
                SearchQuery.Text, SearchQuery.To, SearchQuery.GmailRaw])(RandomText(random)),
            2 => SearchQuery.Header(RandomField(random), RandomText(random)),
            3 => Pick<Func<DateOnly, SearchQuery>>(random, [SearchQuery.Before, SearchQuery.On, SearchQuery.Since, SearchQuery.SentBefore,
                SearchQuery.SentOn, SearchQuery.SentSince, SearchQuery.SavedBefore, SearchQuery.SavedOn, SearchQuery.SavedSince])(
                DateOnly.FromDayNumber(random.Next(DateOnly.FromDateTime(new DateTime(1900, 1, 1)).DayNumber, DateOnly.FromDateTime(new DateTime(2100, 12, 31)).DayNumber))),
            4 => random.Next(2) == 0 ? SearchQuery.Larger(random.NextInt64(0, long.MaxValue >> random.Next(0, 63))) : SearchQuery.Smaller(random.Next()),
            5 => random.Next(2) == 0 ? SearchQuery.Older(TimeSpan.FromSeconds(random.Next(1, int.MaxValue))) : SearchQuery.Younger(TimeSpan.FromSeconds(random.NextInt64(1, uint.MaxValue))),
            6 => (random.Next(2) == 0 ? (Func<MessageFlag, SearchQuery>)SearchQuery.Keyword : SearchQuery.Unkeyword)(RandomFlag(random)),
            7 => SearchQuery.Uids(random.Next(6) == 0 ? UidSet.SavedResult : UidSet.Create(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (uint)random.Next(1, 60)))),
            8 => SearchQuery.SequenceNumbers(random.Next(4) == 0 ? SequenceSet.From((uint)random.Next(1, 9)) : SequenceSet.Create(Enumerable.Range(0, random.Next(1, 6)).Select(_ => (uint)random.Next(1, 30)))),
            9 => random.Next(2) == 0
                ? SearchQuery.ModSeq((ulong)random.NextInt64(0, long.MaxValue))
                : SearchQuery.ModSeq((ulong)random.Next(), RandomFlag(random), (ModSeqEntryType)random.Next(3)),
            10 or 11 => SearchQuery.And(RandomQuery(random, depth + 1), RandomQuery(random, depth + 1)),
            12 => SearchQuery.Or(RandomQuery(random, depth + 1), RandomQuery(random, depth + 1)),
            _ => SearchQuery.Not(RandomQuery(random, depth + 1)),
        };
    }

    private static MessageFlag RandomFlag(Random random) =>
        Pick(random, [MessageFlag.Seen, MessageFlag.Answered, MessageFlag.Flagged, MessageFlag.Deleted, MessageFlag.Draft, MessageFlag.Recent,
            MessageFlag.Keyword("$Label1"), MessageFlag.Keyword("Junk"), MessageFlag.Keyword("x.y-z")]);

    private static string RandomField(Random random) =>
        Pick(random, ["Subject", "List-Id", "X-Spam-Score", "a]b", "X*%"]);

    private static string RandomText(Random random)
    {
        int length = random.Next(20) == 0 ? 1100 : random.Next(0, 10);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            int i = random.Next(Characters.Length);
            text.Append(char.IsSurrogate(Characters[i]) ? "😀" : Characters[i].ToString());
        }

        return text.ToString();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
