using System.Globalization;
using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>FETCH and UID FETCH with requests, sections, sequence numbers and batches, against a scripted server.</summary>
public sealed class FetchRequestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Header_fields_and_a_part_come_back_in_the_summary_by_the_section_asked_for()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var headers = BodySection.HeaderFields("Subject", "List-Id");
        var part = BodySection.Part(2).Slice(0, 4);
        var fetch = inbox.FetchListAsync(UidSet.Parse("7"), new FetchRequest(FetchItems.Flags) { Sections = [headers, part] });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 7 (UID FLAGS BODY.PEEK[HEADER.FIELDS (Subject List-Id)] BODY.PEEK[2]<0.4>)"));
        await h.Server.SendAsync(
            "* 3 FETCH (UID 7 FLAGS () BODY[HEADER.FIELDS (SUBJECT LIST-ID)] {16}\r\nSubject: Hello\r\n BODY[2]<0> \"abcd\")\r\n" +
            $"{command.Tag} OK done\r\n");

        var summary = (await fetch.WaitAsync(Wait)).Single();
        Assert.That(Encoding.ASCII.GetString(summary.GetSection(headers)!.Value.Span), Is.EqualTo("Subject: Hello\r\n"));
        Assert.That(Encoding.ASCII.GetString(summary.GetSection(part)!.Value.Span), Is.EqualTo("abcd"));
        Assert.That(summary.GetSection(BodySection.Full), Is.Null);
    }

    [Test]
    public async Task Mark_seen_fetches_body_without_peek_and_orders_like_a_store()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("1"), new FetchRequest { Sections = [BodySection.TextOnly], MarkSeen = true });

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 1 (UID BODY[TEXT])"));
        await h.Server.SendAsync($"* 1 FETCH (UID 1 BODY[TEXT] \"x\" FLAGS (\\Seen))\r\n{command.Tag} OK\r\n");
        var summary = (await fetch.WaitAsync(Wait)).Single();
        Assert.That(summary.HasFlag(MessageFlag.Seen), Is.True, "the flags a server sends along are kept");
        Assert.That(summary.GetSection(BodySection.TextOnly)!.Value.ToArray(), Is.EqualTo("x"u8.ToArray()));
    }

    [Test]
    public async Task Changedsince_is_sent_as_a_modifier_with_modseq_and_needs_condstore()
    {
        await using var plain = await ClientHarness.ConnectAsync();
        var plainInbox = await plain.SelectInboxAsync();
        Assert.That(() => plainInbox.FetchAsync(UidSet.All, new FetchRequest(FetchItems.Flags) { ChangedSince = 5 }), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => plainInbox.FetchAsync(UidSet.All, FetchItems.ModSeq), Throws.InstanceOf<NotSupportedException>());

        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 CONDSTORE");
        var inbox = await h.SelectInboxAsync();
        var fetch = inbox.FetchListAsync(UidSet.Parse("1:*"), new FetchRequest(FetchItems.Flags) { ChangedSince = 12345 });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 12345)"));
        await h.Server.SendAsync($"* 4 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (12350))\r\n{command.Tag} OK\r\n");
        var changed = (await fetch.WaitAsync(Wait)).Single();
        Assert.That((changed.Uid.Value, changed.ModSeq), Is.EqualTo((4u, (ulong?)12350)));
    }

    [Test]
    public async Task Fetch_by_sequence_number_names_messages_by_position_and_takes_star_as_the_last()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 10);
        var last = SequenceSet.FromRange(inbox.Count - 1, inbox.Count);
        var fetch = Collect(inbox.FetchBySequenceAsync(last, FetchItems.Size));

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("FETCH 9:10 (UID RFC822.SIZE)"));
        await h.Server.SendAsync($"* 9 FETCH (UID 90 RFC822.SIZE 5)\r\n* 10 FETCH (UID 95 RFC822.SIZE 6)\r\n* 3 FETCH (UID 30 RFC822.SIZE 7)\r\n{command.Tag} OK\r\n");

        var summaries = await fetch.WaitAsync(Wait);
        Assert.That(summaries.Select(s => (s.SequenceNumber, s.Uid.Value)), Is.EqualTo(new[] { (9u, 90u), (10u, 95u) }));
    }

    [Test]
    public async Task A_large_fetch_goes_in_batches_one_ahead_of_the_reader()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 1200, uidNext: 1201);
        var read = new List<uint>();
        await using var reader = inbox.FetchAsync(UidSet.All, FetchItems.Size).GetAsyncEnumerator();

        // Two batches go out at once, as the reader starts; the third only after the first was read. Whatever the
        // start sends is sent by the time the first MoveNextAsync returns, so a third batch would come before the NOOP.
        var moving = reader.MoveNextAsync();
        var first = await h.Server.ReadCommandAsync();
        var second = await h.Server.ReadCommandAsync();
        Assert.That((first.Text, second.Text), Is.EqualTo(("UID FETCH 1:500 (UID RFC822.SIZE)", "UID FETCH 501:1000 (UID RFC822.SIZE)")));
        await h.ExpectNothingBeforeNoopAsync();
        await h.Server.SendAsync(Sizes(1, 500) + $"{first.Tag} OK\r\n");
        await ReadUpToAsync(500);
        var third = await h.Server.ReadCommandAsync();
        Assert.That(third.Text, Is.EqualTo("UID FETCH 1001:1200 (UID RFC822.SIZE)"));

        // The open tail shares UID 1200 with the third batch: it waits until that one is done, or a server answering
        // both at once would have the third batch take the tail's answer for 1200, out of order. Once the reader has
        // the third batch's first message, the second batch is done and the tail was considered: it must not be out.
        await h.Server.SendAsync(Sizes(501, 1000) + $"{second.Tag} OK\r\n" + Sizes(1001, 1001));
        await ReadUpToAsync(1001);
        await h.ExpectNothingBeforeNoopAsync();
        await h.Server.SendAsync(Sizes(1002, 1200) + $"{third.Tag} OK\r\n");
        await ReadUpToAsync(1200);
        var tail = await h.Server.ReadCommandAsync();
        Assert.That(tail.Text, Is.EqualTo("UID FETCH 1200:* (UID RFC822.SIZE)"));

        // The open tail returns the last message again (n:* includes the largest UID) and one that arrived meanwhile.
        await h.Server.SendAsync(Sizes(1200, 1201) + $"{tail.Tag} OK\r\n");
        await ReadUpToAsync(1201);
        Assert.That(await moving.AsTask().WaitAsync(Wait), Is.False, "nothing after the tail");
        Assert.That(read, Is.EqualTo(Enumerable.Range(1, 1201).Select(i => (uint)i)));

        // Reads messages until there are `count`, then asks for the next one, which lets the fetch go on behind them.
        async Task ReadUpToAsync(int count)
        {
            while (read.Count < count)
            {
                Assert.That(await moving.AsTask().WaitAsync(Wait), Is.True, $"message {read.Count + 1}");
                read.Add(reader.Current.Uid.Value);
                moving = reader.MoveNextAsync();
            }
        }
    }

    [Test]
    public async Task A_fetch_collected_into_a_list_sends_its_batches_without_waiting_for_answers()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 1200, uidNext: 1201);
        var fetch = inbox.FetchListAsync(UidSet.All, FetchItems.Size);

        // Everything is kept anyway: the bounded batches all go out at once, not one ahead of a reader.
        var first = await h.Server.ReadCommandAsync();
        var second = await h.Server.ReadCommandAsync();
        var third = await h.Server.ReadCommandAsync();
        Assert.That(
            new[] { first.Text, second.Text, third.Text },
            Is.EqualTo(new[] { "UID FETCH 1:500 (UID RFC822.SIZE)", "UID FETCH 501:1000 (UID RFC822.SIZE)", "UID FETCH 1001:1200 (UID RFC822.SIZE)" }));
        await h.Server.SendAsync(Sizes(1, 500) + $"{first.Tag} OK\r\n" + Sizes(501, 1000) + $"{second.Tag} OK\r\n" + Sizes(1001, 1200) + $"{third.Tag} OK\r\n");

        // The open tail still waits for the batch that shares its first UID.
        var tail = await h.Server.ReadCommandAsync();
        Assert.That(tail.Text, Is.EqualTo("UID FETCH 1200:* (UID RFC822.SIZE)"));
        await h.Server.SendAsync(Sizes(1200, 1200) + $"{tail.Tag} OK\r\n");

        var all = await fetch.WaitAsync(Wait);
        Assert.That(all.Select(s => s.Uid.Value), Is.EqualTo(Enumerable.Range(1, 1200).Select(i => (uint)i)));
    }

    [Test]
    public async Task Leaving_the_loop_early_sends_no_further_batch_and_drains_the_ones_in_flight()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 2000, uidNext: 2001);
        var firstTwo = new List<uint>();
        var loop = Task.Run(async () =>
        {
            await foreach (var summary in inbox.FetchAsync(UidSet.All, FetchItems.Size))
            {
                firstTwo.Add(summary.Uid.Value);
                if (firstTwo.Count == 2)
                {
                    break;
                }
            }
        });

        var first = await h.Server.ReadCommandAsync();
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(Sizes(1, 500) + $"{first.Tag} OK\r\n");
        await loop.WaitAsync(Wait);
        Assert.That(firstTwo, Is.EqualTo(new[] { 1u, 2u }));

        // The second batch is answered after the loop ended: drained, not raised as events, and nothing else is sent.
        await h.Server.SendAsync(Sizes(501, 1000) + $"{second.Tag} OK\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_failed_batch_ends_the_loop_with_its_error_and_stops_the_rest()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 2000, uidNext: 2001);
        var fetch = Collect(inbox.FetchAsync(UidSet.All, FetchItems.Size));

        var first = await h.Server.ReadCommandAsync();
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{first.Tag} NO [SERVERBUG] oops\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => fetch.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.ServerBug));
        await h.Server.SendAsync($"{second.Tag} OK\r\n");
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "no third batch was sent");
    }

    [Test(Description = "Cancelling also ends the fetch, whose failure carries the fetch's own token; the caller must still hear of its own.")]
    public async Task Cancelling_the_enumeration_throws_with_the_callers_token()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync();
        using var cancel = new CancellationTokenSource();
        var messages = inbox.FetchAsync(UidSet.Parse("1:2"), new FetchRequest(FetchItems.Flags), cancel.Token).GetAsyncEnumerator();
        try
        {
            var first = messages.MoveNextAsync().AsTask();
            var command = await h.Server.ReadCommandAsync();
            await h.Server.SendAsync("* 1 FETCH (UID 1 FLAGS ())\r\n");
            Assert.That(await first.WaitAsync(Wait), Is.True);

            await cancel.CancelAsync();

            var thrown = Assert.CatchAsync<OperationCanceledException>(async () => await messages.MoveNextAsync());
            Assert.That(thrown!.CancellationToken, Is.EqualTo(cancel.Token));
            await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        }
        finally
        {
            await messages.DisposeAsync();
        }
    }

    [Test]
    public async Task A_sparse_mailbox_asks_for_more_uids_per_batch()
    {
        await using var h = await ClientHarness.ConnectAsync();
        var inbox = await h.SelectInboxAsync(exists: 1000, uidNext: 100_001);
        var fetch = Collect(inbox.FetchAsync(UidSet.All, FetchItems.Size));

        var first = await h.Server.ReadCommandAsync();
        Assert.That(first.Text, Is.EqualTo("UID FETCH 1:4000 (UID RFC822.SIZE)"), "8 times the target at most, from the density");
        var second = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync(Sizes(1, 40) + $"{first.Tag} OK\r\n");

        // 40 messages for 4000 UIDs: the next batch asks for 100 UIDs per expected message.
        var third = await h.Server.ReadCommandAsync();
        Assert.That(third.Text, Is.EqualTo("UID FETCH 8001:58000 (UID RFC822.SIZE)"));
        await h.Server.SendAsync($"{second.Tag} OK\r\n{third.Tag} OK\r\n");
        while (true)
        {
            var more = await h.Server.ReadCommandAsync();
            await h.Server.SendAsync($"{more.Tag} OK\r\n");
            if (more.Text.Contains(":*", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.That((await fetch.WaitAsync(Wait)).Count, Is.EqualTo(40));
    }

    [Test]
    public async Task A_fetch_of_the_saved_result_takes_its_fetch_data_and_waits_for_other_fetches_in_flight()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 ESEARCH SEARCHRES");
        var inbox = await h.SelectInboxAsync();
        var other = inbox.FetchListAsync(UidSet.Parse("1:2"), FetchItems.Size);
        var otherCommand = await h.Server.ReadCommandAsync();
        var save = inbox.SearchAndSaveAsync(SearchQuery.Unseen);
        var saved = inbox.FetchListAsync(UidSet.SavedResult, FetchItems.Size);
        var saveCommand = await h.Server.ReadCommandAsync();
        Assert.That(saveCommand.Text, Does.StartWith("UID SEARCH RETURN (SAVE)"));

        // The fetch of $ cannot tell its FETCH responses from the other fetch's: it waits for that one to finish.
        h.ExpectHeldBack("UID FETCH");
        await h.Server.SendAsync($"* 1 FETCH (UID 1 RFC822.SIZE 10)\r\n* 2 FETCH (UID 2 RFC822.SIZE 20)\r\n{otherCommand.Tag} OK\r\n{saveCommand.Tag} OK\r\n");
        var fetchCommand = await h.Server.ReadCommandAsync();
        Assert.That(fetchCommand.Text, Is.EqualTo("UID FETCH $ (UID RFC822.SIZE)"));
        await h.Server.SendAsync($"* 5 FETCH (UID 50 RFC822.SIZE 5)\r\n* 7 FETCH (UID 70 RFC822.SIZE 7)\r\n{fetchCommand.Tag} OK\r\n");

        Assert.That((await other.WaitAsync(Wait)).Select(m => m.Uid.Value), Is.EqualTo(new[] { 1u, 2u }));
        await save.WaitAsync(Wait);
        Assert.That((await saved.WaitAsync(Wait)).Select(m => m.Uid.Value), Is.EqualTo(new[] { 50u, 70u }));
        Assert.That(h.Client.IsConnected, Is.True);
    }

    private static string Sizes(int first, int last)
    {
        var text = new StringBuilder();
        for (int uid = first; uid <= last; uid++)
        {
            text.Append(CultureInfo.InvariantCulture, $"* {uid} FETCH (UID {uid} RFC822.SIZE {uid})\r\n");
        }

        return text.ToString();
    }

    private static async Task<List<MessageSummary>> Collect(IAsyncEnumerable<MessageSummary> source)
    {
        var list = new List<MessageSummary>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
