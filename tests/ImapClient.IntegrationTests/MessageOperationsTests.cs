using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>Flags, copy, move, expunge, sequence numbers and sections against Dovecot, each test in mailboxes of its own.</summary>
[TestFixture]
public sealed class MessageOperationsTests
{
    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Flags_and_keywords_round_trip_through_add_remove_and_set()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client, 4);
        var box = await client.SelectAsync(name);
        var keyword = MessageFlag.Keyword("$Project-X");

        await box.AddFlagsAsync(UidSet.Parse("1:3"), MessageFlag.Flagged | keyword);
        await box.RemoveFlagsAsync(UidSet.Parse("2"), keyword);
        await box.SetFlagsAsync(UidSet.Parse("3"), MessageFlag.Seen);

        var flags = (await box.FetchListAsync(UidSet.All, FetchItems.Flags)).ToDictionary(m => m.Uid.Value, m => m.Flags!.Except(MessageFlag.Recent));
        Assert.That(flags[1] == (MessageFlag.Flagged | keyword), Is.True, flags[1].ToString());
        Assert.That(flags[2] == FlagSet.Create(MessageFlag.Flagged), Is.True, flags[2].ToString());
        Assert.That(flags[3] == FlagSet.Create(MessageFlag.Seen), Is.True, flags[3].ToString());
        Assert.That(flags[4].Count, Is.Zero);
        Assert.That(box.Flags.Contains(keyword), Is.True, "the new keyword is announced in FLAGS");
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Unchangedsince_leaves_a_message_changed_meanwhile_and_names_it()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client, 3);
        var box = await client.SelectAsync(name, new SelectOptions { CondStore = true });
        ulong before = box.HighestModSeq!.Value;
        await box.AddFlagsAsync(UidSet.Parse("2"), MessageFlag.Answered);

        var result = await box.StoreAsync(UidSet.Parse("1:3"), FlagChange.Add(MessageFlag.Seen) with { UnchangedSince = before });

        Assert.That(result.Modified.ToString(), Is.EqualTo("2"));
        var seen = (await box.FetchListAsync(UidSet.All, FetchItems.Flags)).Where(m => m.HasFlag(MessageFlag.Seen)).Select(m => m.Uid.Value);
        Assert.That(seen, Is.EqualTo(new[] { 1u, 3u }));
        await DeleteAsync(client, name);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Copy_and_move_maps_point_at_the_same_messages_in_the_destination()
    {
        await using var client = await ClientFactory.LoginAsync();
        string source = await CreateAsync(client, 6);
        string target = await CreateAsync(client, 2);
        var box = await client.SelectAsync(source);
        var bodies = new Dictionary<uint, byte[]>();
        foreach (uint uid in new uint[] { 2, 3, 5, 6 })
        {
            bodies[uid] = await box.FetchBodyBytesAsync(new Uid(uid));
        }

        var copied = await box.CopyAsync(UidSet.Parse("2:3"), target);
        var moved = await box.MoveAsync(UidSet.Parse("5:6"), target);
        await box.NoopAsync();

        Assert.That(box.Count, Is.EqualTo(4u), "the moved messages left the source");
        Assert.That((copied.Count, moved.Count), Is.EqualTo((2u, 2u)));
        var destination = await client.ExamineAsync(target);
        Assert.That((copied.DestinationUidValidity, moved.DestinationUidValidity), Is.EqualTo((destination.UidValidity, destination.UidValidity)));
        foreach (var (from, to) in copied.Concat(moved))
        {
            Assert.That(await destination.FetchBodyBytesAsync(to), Is.EqualTo(bodies[from.Value]), $"{from} -> {to}");
        }

        await DeleteAsync(client, source);
        await DeleteAsync(client, target);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Copy_to_a_missing_mailbox_fails_with_trycreate()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client, 1);
        var box = await client.SelectAsync(name);

        var error = Assert.ThrowsAsync<ImapCommandException>(() => box.MoveAsync(UidSet.Parse("1"), DovecotFixture.Target.Mailbox("Missing-" + Guid.NewGuid().ToString("N"))));

        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.TryCreate));
        Assert.That(client.IsConnected, Is.True);
        await DeleteAsync(client, name);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Uid_expunge_removes_only_its_own_deleted_messages()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client, 5);
        var box = await client.SelectAsync(name);
        await box.AddFlagsAsync(UidSet.Parse("1:4"), MessageFlag.Deleted);

        var result = await box.ExpungeAsync(UidSet.Parse("2:3"));

        Assert.That(result.Count, Is.EqualTo(2));
        var left = (await box.FetchListAsync(UidSet.All, FetchItems.None)).Select(m => m.Uid.Value);
        Assert.That(left, Is.EqualTo(new[] { 1u, 4u, 5u }));
        Assert.That(box.Count, Is.EqualTo(3u));
        await DeleteAsync(client, name);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Sequence_numbers_stay_right_while_a_second_connection_expunges()
    {
        await using var client = await ClientFactory.LoginAsync();
        await using var other = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client, 40);
        var box = await client.SelectAsync(name);
        var otherBox = await other.SelectAsync(name);

        // Both sides mark messages and expunge at the same time; each then also works by sequence number.
        await otherBox.AddFlagsAsync(UidSet.Parse("1:10"), MessageFlag.Deleted);
        await box.AddFlagsAsync(UidSet.Parse("31:35"), MessageFlag.Deleted);
        var theirs = otherBox.ExpungeAsync();
        var mine = box.ExpungeAsync();
        var lastThree = CollectAsync(box.FetchBySequenceAsync(SequenceSet.Parse("1:3"), FetchItems.None));
        await Task.WhenAll(theirs, mine);
        var firstThree = await lastThree;
        await box.NoopAsync();

        var remaining = Enumerable.Range(11, 20).Concat(Enumerable.Range(36, 5)).Select(i => (uint)i).ToArray();
        Assert.That(box.Count, Is.EqualTo((uint)remaining.Length));
        var all = await CollectAsync(box.FetchBySequenceAsync(SequenceSet.All, FetchItems.None));
        Assert.That(all.Select(m => (m.SequenceNumber, m.Uid.Value)), Is.EqualTo(remaining.Select((uid, i) => ((uint)i + 1, uid))));
        // Fetched by number right after this side's expunge: numbers 1 to 3 of that moment, whatever the other side's
        // expunge had done by then, and never one of the messages this side removed.
        Assert.That(firstThree.Select(m => m.SequenceNumber), Is.EqualTo(new[] { 1u, 2u, 3u }));
        Assert.That(firstThree.Select(m => m.Uid.Value), Is.Ordered.Ascending.And.All.Not.InRange(31u, 35u));
        var lastTwo = await CollectAsync(box.FetchBySequenceAsync(SequenceSet.FromRange(box.Count - 1, box.Count), FetchItems.None));
        Assert.That(lastTwo.Select(m => m.Uid.Value), Is.EqualTo(new[] { 39u, 40u }));
        await DeleteAsync(client, name);
    }

    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task Header_fields_and_parts_come_back_as_sections_equal_to_the_raw_message()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");
        var subject = BodySection.HeaderFields("Subject");
        var summaries = await inbox.FetchListAsync(UidSet.Parse("1:20"), new FetchRequest(FetchItems.BodyStructure) { Sections = [subject, BodySection.Full.Slice(0, 64)] });

        Assert.That(summaries, Has.Count.EqualTo(20));
        foreach (var summary in summaries)
        {
            byte[] raw = await inbox.FetchBodyBytesAsync(summary.Uid);
            string header = Encoding.Latin1.GetString(raw, 0, Math.Max(0, IndexOf(raw, "\r\n\r\n"u8)));
            string expected = string.Concat(Unfolded(header).Where(l => l.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase)).Select(l => l + "\r\n")) + "\r\n";
            Assert.That(Encoding.Latin1.GetString(summary.GetSection(subject)!.Value.Span).Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal), Is.EqualTo(expected));
            Assert.That(summary.GetSection(BodySection.Full.Slice(0, 64))!.Value.ToArray(), Is.EqualTo(raw.Take(64).ToArray()));
            var firstPart = summary.Body!.Flatten().FirstOrDefault(p => p.Section.Length > 0 && p is not Multipart);
            if (firstPart is not null)
            {
                byte[] part = await inbox.FetchBodyBytesAsync(summary.Uid, BodySection.Part(firstPart));
                Assert.That(IndexOf(raw, part), Is.GreaterThanOrEqualTo(0), "a part's bytes are a piece of the raw message");
            }
        }
    }

    private static string[] Unfolded(string header) =>
        header.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal).Split("\r\n");

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private static async Task<List<MessageSummary>> CollectAsync(IAsyncEnumerable<MessageSummary> source)
    {
        var list = new List<MessageSummary>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<string> CreateAsync(ImapClient client, int messages)
    {
        string name = DovecotFixture.Target.Mailbox("Messages-" + Guid.NewGuid().ToString("N")[..12]);
        await client.CreateMailboxAsync(name);
        for (int i = 1; i <= messages; i++)
        {
            await client.AppendAsync(name, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"From: a{i}@example.org\r\nSubject: message {i}\r\nMessage-ID: <{name}.{i}@example.org>\r\n\r\nbody {i}\r\n")));
        }

        return name;
    }

    private static async Task DeleteAsync(ImapClient client, string name)
    {
        if (client.Selected is { } selected)
        {
            await selected.UnselectAsync();
        }

        await client.DeleteMailboxAsync(name);
    }
}
