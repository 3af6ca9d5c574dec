using System.Globalization;
using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>UID SEARCH, SEARCH, ESEARCH, SEARCHRES, SORT and THREAD against the scripted server, with exact bytes.</summary>
public sealed class SearchTests
{
    private const string ESearchCaps = "IMAP4rev1 LITERAL+ ESEARCH SEARCHRES SORT THREAD=REFERENCES THREAD=ORDEREDSUBJECT WITHIN CONDSTORE";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Without_esearch_a_plain_uid_search_is_sent_and_its_numbers_become_ranges()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.Unseen & SearchQuery.From("bob"));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SEARCH UNSEEN FROM bob"));
        await h.Server.SendAsync($"* SEARCH 7 1 2 3 9 10\r\n{command.Tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).ToString(), Is.EqualTo("1:3,7,9:10"));
    }

    [Test]
    public async Task With_esearch_the_search_asks_for_all_and_takes_the_esearch_carrying_its_tag()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.Unseen);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SEARCH RETURN (ALL) UNSEEN"));
        await h.Server.SendAsync($"* ESEARCH (TAG \"A999\") UID ALL 50\r\n* ESEARCH (TAG \"{command.Tag}\") UID ALL 1:3,7\r\n{command.Tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).ToString(), Is.EqualTo("1:3,7"));
    }

    [Test]
    public async Task An_esearch_without_results_means_nothing_matched()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.Deleted);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ESEARCH (TAG \"{command.Tag}\") UID\r\n{command.Tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).IsEmpty, Is.True);
    }

    [Test]
    public async Task Return_options_are_sent_and_each_part_of_the_answer_is_kept()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchReturningAsync(SearchQuery.ModSeq(620162338), SearchReturnOptions.Min | SearchReturnOptions.Max | SearchReturnOptions.Count);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SEARCH RETURN (MIN MAX COUNT) MODSEQ 620162338"));
        await h.Server.SendAsync($"* ESEARCH (TAG \"{command.Tag}\") UID MIN 4 MAX 28 COUNT 9 MODSEQ 917162500\r\n{command.Tag} OK done\r\n");

        var result = await search.WaitAsync(Wait);
        Assert.That(result.Min, Is.EqualTo(new Uid(4)));
        Assert.That(result.Max, Is.EqualTo(new Uid(28)));
        Assert.That(result.Count, Is.EqualTo(9u));
        Assert.That(result.All, Is.Null, "ALL was not asked for");
        Assert.That(result.HighestModSeq, Is.EqualTo(917162500UL));
    }

    [Test]
    public async Task A_count_of_every_possible_uid_fits_whether_sent_or_worked_out_from_all()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var sent = inbox.SearchReturningAsync(SearchQuery.All, SearchReturnOptions.Count);
        var a = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ESEARCH (TAG \"{a.Tag}\") UID COUNT 4294967295\r\n{a.Tag} OK done\r\n");
        Assert.That((await sent.WaitAsync(Wait)).Count, Is.EqualTo(uint.MaxValue));

        // A server that answers only ALL: COUNT is the size of the set.
        var derived = inbox.SearchReturningAsync(SearchQuery.All, SearchReturnOptions.Count | SearchReturnOptions.All);
        var b = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* ESEARCH (TAG \"{b.Tag}\") UID ALL 1:4294967294\r\n{b.Tag} OK done\r\n");
        Assert.That((await derived.WaitAsync(Wait)).Count, Is.EqualTo(uint.MaxValue - 1));
    }

    [Test]
    public async Task Without_esearch_min_max_and_count_are_worked_out_from_a_plain_search()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ CONDSTORE");
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchReturningAsync(SearchQuery.Flagged, SearchReturnOptions.Min | SearchReturnOptions.Max | SearchReturnOptions.Count | SearchReturnOptions.All);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SEARCH FLAGGED"));
        await h.Server.SendAsync($"* SEARCH 12 4 5 6 30 (MODSEQ 77)\r\n{command.Tag} OK done\r\n");

        var result = await search.WaitAsync(Wait);
        Assert.That(result.Min, Is.EqualTo(new Uid(4)));
        Assert.That(result.Max, Is.EqualTo(new Uid(30)));
        Assert.That(result.Count, Is.EqualTo(5u));
        Assert.That(result.All!.ToString(), Is.EqualTo("4:6,12,30"));
        Assert.That(result.HighestModSeq, Is.EqualTo(77UL));
    }

    [Test]
    public async Task Concurrent_esearches_answered_out_of_order_each_get_their_own_result()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var first = inbox.SearchAsync(SearchQuery.Seen);
        var second = inbox.SearchAsync(SearchQuery.Unseen);
        var third = inbox.SearchReturningAsync(SearchQuery.All, SearchReturnOptions.Count);
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        var c = await h.Server.ReadCommandAsync();
        Assert.That(new[] { a.Text, b.Text, c.Text }, Is.EqualTo(new[] { "UID SEARCH RETURN (ALL) SEEN", "UID SEARCH RETURN (ALL) UNSEEN", "UID SEARCH RETURN (COUNT) ALL" }));

        await h.Server.SendAsync(
            $"* ESEARCH (TAG \"{c.Tag}\") UID COUNT 10\r\n" +
            $"* ESEARCH (TAG \"{b.Tag}\") UID ALL 2,4:5\r\n" +
            $"* ESEARCH (TAG \"{a.Tag}\") UID ALL 1,3,6:10\r\n" +
            $"{b.Tag} OK done\r\n{c.Tag} OK done\r\n{a.Tag} OK done\r\n");

        Assert.That((await first.WaitAsync(Wait)).ToString(), Is.EqualTo("1,3,6:10"));
        Assert.That((await second.WaitAsync(Wait)).ToString(), Is.EqualTo("2,4:5"));
        Assert.That((await third.WaitAsync(Wait)).Count, Is.EqualTo(10));
    }

    [Test]
    public async Task Plain_searches_run_one_at_a_time_because_their_answers_carry_no_tag()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var first = inbox.SearchAsync(SearchQuery.Seen);
        var second = inbox.SearchAsync(SearchQuery.Unseen);
        var a = await h.Server.ReadCommandAsync();
        Assert.That(a.Text, Is.EqualTo("UID SEARCH SEEN"));
        h.ExpectHeldBack("UID SEARCH");

        await h.Server.SendAsync($"* SEARCH 1 2\r\n{a.Tag} OK done\r\n");
        var b = await h.Server.ReadCommandAsync();
        Assert.That(b.Text, Is.EqualTo("UID SEARCH UNSEEN"));
        await h.Server.SendAsync($"* SEARCH 3\r\n{b.Tag} OK done\r\n");

        Assert.That((await first.WaitAsync(Wait)).ToString(), Is.EqualTo("1:2"));
        Assert.That((await second.WaitAsync(Wait)).ToString(), Is.EqualTo("3"));
    }

    [Test]
    public async Task Non_ascii_text_goes_with_charset_utf8_in_a_literal_when_utf8_is_not_in_force()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.Subject("Grüße"));
        string line = await h.Server.ReadLineAsync();
        Assert.That(line, Does.EndWith(" UID SEARCH CHARSET UTF-8 SUBJECT {7+}"));
        byte[] literal = await h.Server.ReadBytesAsync(7 + 2);
        Assert.That(literal, Is.EqualTo(Encoding.UTF8.GetBytes("Grüße\r\n")));
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"* SEARCH 5\r\n{tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).ToString(), Is.EqualTo("5"));
    }

    [Test]
    public async Task Without_literal_plus_the_charset_search_waits_for_the_continuation()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.From("Jürgen"));
        string line = await h.Server.ReadLineAsync();
        Assert.That(line, Does.EndWith(" UID SEARCH CHARSET UTF-8 FROM {7}"));
        // That the literal waits for the "+" is proven on the wire by the refusal below: it never comes.
        h.Server.ExpectNothingUnread();
        await h.Server.SendAsync("+ go ahead\r\n");
        Assert.That(await h.Server.ReadBytesAsync(9), Is.EqualTo(Encoding.UTF8.GetBytes("Jürgen\r\n")));
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"* SEARCH\r\n{tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).IsEmpty, Is.True);
    }

    [Test]
    public async Task Without_literal_plus_a_charset_search_refused_instead_of_continued_never_sends_its_literal()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.From("Jürgen"));
        string line = await h.Server.ReadLineAsync();
        Assert.That(line, Does.EndWith(" UID SEARCH CHARSET UTF-8 FROM {7}"));
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"{tag} NO [BADCHARSET (US-ASCII)] Unsupported charset\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => search.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.BadCharset));
        // Had the literal gone out before the "+", its bytes would come before the NOOP.
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Under_imap4rev2_non_ascii_text_is_quoted_utf8_without_a_charset_and_esearch_is_used()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev2");
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.From("Jürgen"));
        string line = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(await h.Server.ReadLineAsync()));
        Assert.That(line, Does.EndWith(" UID SEARCH RETURN (ALL) FROM \"Jürgen\""));
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"* ESEARCH (TAG \"{tag}\") UID ALL 8\r\n{tag} OK done\r\n");

        Assert.That((await search.WaitAsync(Wait)).ToString(), Is.EqualTo("8"));
    }

    [Test]
    public async Task A_badcharset_refusal_fails_the_search_with_its_code()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.Body("naïve"));
        string line = await h.Server.ReadLineAsync();
        await h.Server.ReadBytesAsync(8);
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"{tag} NO [BADCHARSET (US-ASCII)] Unsupported charset\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => search.WaitAsync(Wait));
        Assert.That(error!.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(error.Code?.Kind, Is.EqualTo(ResponseCodeKind.BadCharset));
        Assert.That(error.Command, Is.EqualTo("UID SEARCH"));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_bad_answer_fails_only_that_search()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var bad = inbox.SearchAsync(SearchQuery.Header("X-Odd", string.Empty));
        var good = inbox.SearchAsync(SearchQuery.All);
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        Assert.That(a.Text, Is.EqualTo("UID SEARCH RETURN (ALL) HEADER X-Odd \"\""));
        await h.Server.SendAsync($"{a.Tag} BAD Syntax error\r\n* ESEARCH (TAG \"{b.Tag}\") UID ALL 1:10\r\n{b.Tag} OK done\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => bad.WaitAsync(Wait));
        Assert.That(error!.Status, Is.EqualTo(ImapStatus.Bad));
        Assert.That((await good.WaitAsync(Wait)).ToString(), Is.EqualTo("1:10"));
    }

    [TestCase("IMAP4rev1", "WITHIN")]
    [TestCase("IMAP4rev1 WITHIN", null)]
    public async Task A_key_the_server_does_not_offer_fails_before_anything_is_sent(string capabilities, string? missing)
    {
        await using var h = await ClientHarness.ConnectAsync(capabilities);
        var inbox = await h.SelectInboxAsync();

        var query = SearchQuery.Younger(TimeSpan.FromDays(1));
        if (missing is null)
        {
            var search = inbox.SearchAsync(query);
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("UID SEARCH YOUNGER 86400"));
            await h.Server.SendAsync($"* SEARCH\r\n{command.Tag} OK done\r\n");
            await search.WaitAsync(Wait);
            return;
        }

        var error = Assert.ThrowsAsync<NotSupportedException>(() => inbox.SearchAsync(query));
        Assert.That(error!.Message, Does.Contain(missing));
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Every_extension_key_names_its_capability_when_missing()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev2");
        var inbox = await h.SelectInboxAsync();

        Assert.Multiple(() =>
        {
            Assert.That(() => inbox.SearchAsync(SearchQuery.ModSeq(1)), Throws.TypeOf<NotSupportedException>().With.Message.Contains("CONDSTORE"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.Older(TimeSpan.FromHours(1))), Throws.TypeOf<NotSupportedException>().With.Message.Contains("WITHIN"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.SavedSince(new DateOnly(2024, 1, 1))), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SAVEDATE"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.SaveDateSupported), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SAVEDATE"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.GmailRaw("in:unread")), Throws.TypeOf<NotSupportedException>().With.Message.Contains("X-GM-EXT-1"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.New), Throws.TypeOf<NotSupportedException>().With.Message.Contains("IMAP4rev1"));
            Assert.That(() => inbox.SearchAsync(SearchQuery.Seen & !SearchQuery.Recent), Throws.TypeOf<NotSupportedException>().With.Message.Contains("IMAP4rev1"));
            Assert.That(() => inbox.SortAsync([SortCriterion.Date], SearchQuery.All), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SORT"));
            Assert.That(() => inbox.ThreadAsync(ThreadAlgorithm.References, SearchQuery.All), Throws.TypeOf<NotSupportedException>().With.Message.Contains("THREAD=REFERENCES"));
        });
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Saved_result_and_save_need_searchres()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ESEARCH");
        var inbox = await h.SelectInboxAsync();

        Assert.That(() => inbox.SearchAndSaveAsync(SearchQuery.Unseen), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SEARCHRES"));
        Assert.That(() => inbox.SearchAsync(SearchQuery.SavedResult), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SEARCHRES"));
        Assert.That(() => inbox.SearchAsync(SearchQuery.Uids(UidSet.SavedResult)), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SEARCHRES"));
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task A_size_past_32_bits_needs_imap4rev2_and_goes_as_number64_under_it()
    {
        await using (var h = await ClientHarness.ConnectAsync())
        {
            var inbox = await h.SelectInboxAsync();
            Assert.That(() => inbox.SearchAsync(SearchQuery.Larger(5_000_000_000)), Throws.TypeOf<NotSupportedException>().With.Message.Contains("IMAP4rev2"));
            await h.ExpectNothingBeforeNoopAsync();
        }

        await using (var h = await ClientHarness.ConnectAsync("IMAP4rev2"))
        {
            var inbox = await h.SelectInboxAsync();
            var search = inbox.SearchAsync(SearchQuery.Larger(5_000_000_000) | SearchQuery.Smaller(uint.MaxValue));
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("UID SEARCH RETURN (ALL) OR LARGER 5000000000 SMALLER 4294967295"));
            await h.Server.SendAsync($"{command.Tag} OK done\r\n");
            Assert.That((await search.WaitAsync(Wait)).IsEmpty, Is.True);
        }
    }

    [TestCase("en-US")]
    [TestCase("de-DE")]
    [TestCase("ar-SA")]
    [TestCase("th-TH")]
    public async Task Dates_are_written_in_imap_form_whatever_the_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await using var h = await ClientHarness.ConnectAsync();
            var inbox = await h.SelectInboxAsync();

            var query = SearchQuery.Since(new DateOnly(2024, 2, 1)) & SearchQuery.Before(new DateOnly(2024, 12, 25)) & SearchQuery.SentOn(new DateOnly(1999, 5, 9));
            var search = inbox.SearchAsync(query);
            var command = await h.Server.ReadCommandAsync();
            Assert.That(command.Text, Is.EqualTo("UID SEARCH SINCE 1-Feb-2024 BEFORE 25-Dec-2024 SENTON 9-May-1999"));
            Assert.That(query.ToString(), Is.EqualTo("SINCE 1-Feb-2024 BEFORE 25-Dec-2024 SENTON 9-May-1999"));
            await h.Server.SendAsync($"{command.Tag} OK done\r\n");
            await search.WaitAsync(Wait);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public async Task Modseq_with_an_entry_names_the_flag_in_quotes()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchAsync(SearchQuery.ModSeq(620162338, MessageFlag.Draft, ModSeqEntryType.All) & SearchQuery.ModSeq(5, MessageFlag.Keyword("$Work"), ModSeqEntryType.Private));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SEARCH RETURN (ALL) MODSEQ \"/flags/\\\\draft\" all 620162338 MODSEQ \"/flags/$work\" priv 5"));
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        await search.WaitAsync(Wait);
    }

    [Test]
    public async Task Sequence_number_search_sends_search_and_returns_a_sequence_set()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var search = inbox.SearchSequenceNumbersAsync(SearchQuery.SequenceNumbers(SequenceSet.FromRange(1, 5)) & SearchQuery.Deleted);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("SEARCH RETURN (ALL) 1:5 DELETED"));
        await h.Server.SendAsync($"* ESEARCH (TAG \"{command.Tag}\") ALL 2,4:5\r\n{command.Tag} OK done\r\n");

        var numbers = await search.WaitAsync(Wait);
        Assert.That(numbers, Is.EqualTo(SequenceSet.Parse("2,4:5")));
    }

    [Test]
    public async Task Search_and_save_then_fetch_of_the_saved_result_go_out_in_one_round_trip()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();
        int before = h.Server.Received.Length;

        var save = inbox.SearchAndSaveAsync(SearchQuery.Unseen & SearchQuery.Since(new DateOnly(2024, 3, 1)));
        var fetch = inbox.FetchListAsync(UidSet.SavedResult, FetchItems.Flags);
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        Assert.That(h.Server.Received[before..], Is.EqualTo(
            $"{a.Tag} UID SEARCH RETURN (SAVE) UNSEEN SINCE 1-Mar-2024\r\n{b.Tag} UID FETCH $ (UID FLAGS)\r\n"), "both written before any answer");

        // No FETCH data in the answer: which FETCH responses a fetch of $ owns is the fetch command's business.
        await h.Server.SendAsync($"{a.Tag} OK saved\r\n{b.Tag} OK done\r\n");
        await save.WaitAsync(Wait);
        Assert.That(await fetch.WaitAsync(Wait), Is.Empty);
    }

    [Test]
    public async Task A_save_search_waits_for_commands_in_flight_that_use_the_saved_result()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var fetch = inbox.FetchListAsync(UidSet.SavedResult, FetchItems.Size);
        var f = await h.Server.ReadCommandAsync();
        Assert.That(f.Text, Is.EqualTo("UID FETCH $ (UID RFC822.SIZE)"));

        var save = inbox.SearchAndSaveAsync(SearchQuery.Flagged);
        h.ExpectHeldBack("UID SEARCH");

        await h.Server.SendAsync($"{f.Tag} OK done\r\n");
        var s = await h.Server.ReadCommandAsync();
        Assert.That(s.Text, Is.EqualTo("UID SEARCH RETURN (SAVE) FLAGGED"));
        await h.Server.SendAsync($"{s.Tag} OK saved\r\n");
        await save.WaitAsync(Wait);
        await fetch.WaitAsync(Wait);
    }

    [Test]
    public async Task A_search_using_the_saved_result_pipelines_behind_the_save()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var save = inbox.SearchAndSaveAsync(SearchQuery.From("alice"));
        var narrow = inbox.SearchReturningAsync(SearchQuery.SavedResult & SearchQuery.Unseen, SearchReturnOptions.Count);
        var a = await h.Server.ReadCommandAsync();
        var b = await h.Server.ReadCommandAsync();
        Assert.That(a.Text, Is.EqualTo("UID SEARCH RETURN (SAVE) FROM alice"));
        Assert.That(b.Text, Is.EqualTo("UID SEARCH RETURN (COUNT) $ UNSEEN"));
        await h.Server.SendAsync($"{a.Tag} OK\r\n* ESEARCH (TAG \"{b.Tag}\") UID COUNT 3\r\n{b.Tag} OK\r\n");

        await save.WaitAsync(Wait);
        Assert.That((await narrow.WaitAsync(Wait)).Count, Is.EqualTo(3));
    }

    [Test]
    public async Task Uid_sort_sends_its_criteria_and_keeps_the_server_order()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var sort = inbox.SortAsync([SortCriterion.Date.Reversed(), SortCriterion.Subject], SearchQuery.Undeleted);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID SORT (REVERSE DATE SUBJECT) UTF-8 UNDELETED"));
        await h.Server.SendAsync($"* SORT 9 3 44 1\r\n{command.Tag} OK done\r\n");

        Assert.That(await sort.WaitAsync(Wait), Is.EqualTo(new[] { new Uid(9), new Uid(3), new Uid(44), new Uid(1) }));
    }

    [Test]
    public async Task Sorts_run_one_at_a_time_and_display_keys_need_sort_display()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 SORT SORT=DISPLAY");
        var inbox = await h.SelectInboxAsync();

        var first = inbox.SortAsync([SortCriterion.DisplayFrom], SearchQuery.All);
        var second = inbox.SortAsync([SortCriterion.DisplayTo.Reversed()], SearchQuery.All);
        var a = await h.Server.ReadCommandAsync();
        Assert.That(a.Text, Is.EqualTo("UID SORT (DISPLAYFROM) UTF-8 ALL"));
        h.ExpectHeldBack("UID SORT");
        await h.Server.SendAsync($"* SORT 2 1\r\n{a.Tag} OK\r\n");
        var b = await h.Server.ReadCommandAsync();
        Assert.That(b.Text, Is.EqualTo("UID SORT (REVERSE DISPLAYTO) UTF-8 ALL"));
        await h.Server.SendAsync($"* SORT\r\n{b.Tag} OK\r\n");

        Assert.That(await first.WaitAsync(Wait), Is.EqualTo(new[] { new Uid(2), new Uid(1) }));
        Assert.That(await second.WaitAsync(Wait), Is.Empty);
    }

    [Test]
    public async Task Display_sort_without_sort_display_is_not_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 SORT");
        var inbox = await h.SelectInboxAsync();

        Assert.That(() => inbox.SortAsync([SortCriterion.DisplayFrom], SearchQuery.All), Throws.TypeOf<NotSupportedException>().With.Message.Contains("SORT=DISPLAY"));
        Assert.That(() => inbox.SortAsync([], SearchQuery.All), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task Uid_thread_returns_the_tree_of_the_rfc_5256_example()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var thread = inbox.ThreadAsync(ThreadAlgorithm.References, SearchQuery.Since(new DateOnly(2024, 1, 1)));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID THREAD REFERENCES UTF-8 SINCE 1-Jan-2024"));
        await h.Server.SendAsync($"* THREAD (2)(3 6 (4 23)(44 7 96))((8)(9))\r\n{command.Tag} OK done\r\n");

        var threads = await thread.WaitAsync(Wait);
        Assert.That(threads, Has.Count.EqualTo(3));
        Assert.That(Render(threads[0]), Is.EqualTo("2"));
        Assert.That(Render(threads[1]), Is.EqualTo("3[6[4[23] 44[7[96]]]]"));
        Assert.That(Render(threads[2]), Is.EqualTo("-[8 9]"));
        Assert.That(threads.Select(t => t.ToString()), Is.EqualTo(new[] { "(2)", "(3 6 (4 23)(44 7 96))", "((8)(9))" }), "printed as the server wrote it");
    }

    [Test]
    public async Task Ordered_subject_threading_names_its_algorithm()
    {
        await using var h = await ClientHarness.ConnectAsync(ESearchCaps);
        var inbox = await h.SelectInboxAsync();

        var thread = inbox.ThreadAsync(ThreadAlgorithm.OrderedSubject, SearchQuery.All);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID THREAD ORDEREDSUBJECT UTF-8 ALL"));
        await h.Server.SendAsync($"* THREAD\r\n{command.Tag} OK done\r\n");
        Assert.That(await thread.WaitAsync(Wait), Is.Empty);
        Assert.That(() => inbox.ThreadAsync(ThreadAlgorithm.Refs, SearchQuery.All), Throws.TypeOf<NotSupportedException>().With.Message.Contains("THREAD=REFS"));
    }

    [Test]
    public void Text_with_nul_is_refused_where_the_key_is_made()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SearchQuery.From("a\0b"), Throws.ArgumentException);
            Assert.That(() => SearchQuery.Header("X-A", "\0"), Throws.ArgumentException);
            Assert.That(() => SearchQuery.Header("Bad:Name", "x"), Throws.ArgumentException);
            Assert.That(() => SearchQuery.Text("\ud800"), Throws.ArgumentException);
            Assert.That(() => SearchQuery.Larger(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => SearchQuery.Older(TimeSpan.FromMilliseconds(999)), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => SearchQuery.ModSeq((ulong)long.MaxValue + 1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => SearchQuery.Uids(UidSet.Empty), Throws.ArgumentException);
        });
    }

    private static string Render(MessageThread node) =>
        (node.Uid?.ToString() ?? "-") + (node.Children.Count == 0 ? string.Empty : "[" + string.Join(" ", node.Children.Select(Render)) + "]");
}
