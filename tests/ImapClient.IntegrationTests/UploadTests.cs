using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>MULTIAPPEND (RFC 3502) and CATENATE (RFC 4469) against Dovecot, which offers both.</summary>
[TestFixture]
public sealed class UploadTests
{
    [Test]
    public async Task Multiappend_stores_every_message_byte_for_byte_under_the_uids_it_reports()
    {
        await using var client = await ClientFactory.LoginAsync();
        Assert.That(client.Capabilities, Does.Contain("MULTIAPPEND"));
        string name = await CreateAsync(client);
        byte[] small = Encoding.ASCII.GetBytes("Subject: one\r\nMessage-ID: <m1@example.org>\r\n\r\nfirst\r\n");
        byte[] large = Message("two", 300_000);
        byte[] third = Encoding.ASCII.GetBytes("Subject: three\r\n\r\nthird\r\n");
        var date = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

        var result = await client.AppendManyAsync(name,
        [
            new AppendMessage(small) { Flags = MessageFlag.Seen },
            new AppendMessage(new MemoryStream(large), large.Length) { InternalDate = date },
            new AppendMessage(third) { Flags = MessageFlag.Flagged },
        ]);

        var box = await client.ExamineAsync(name);
        Assert.That(result.UidValidity, Is.EqualTo(box.UidValidity));
        var uids = result.Uids!.ToList();
        Assert.That(uids, Has.Count.EqualTo(3));
        Assert.That(await box.FetchBodyBytesAsync(uids[0]), Is.EqualTo(small));
        Assert.That(await box.FetchBodyBytesAsync(uids[1]), Is.EqualTo(large));
        Assert.That(await box.FetchBodyBytesAsync(uids[2]), Is.EqualTo(third));
        var summaries = await box.FetchListAsync(result.Uids!, FetchItems.Flags | FetchItems.InternalDate);
        Assert.That(summaries.Single(s => s.Uid == uids[0]).Flags!.Select(f => f.Name), Does.Contain("\\Seen"));
        Assert.That(summaries.Single(s => s.Uid == uids[1]).InternalDate, Is.EqualTo(date));
        Assert.That(summaries.Single(s => s.Uid == uids[2]).Flags!.Select(f => f.Name), Does.Contain("\\Flagged"));
        await box.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }

    [Test]
    public async Task Multiappend_cancelled_inside_the_second_message_stores_none_of_them()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] first = Encoding.ASCII.GetBytes("Subject: one\r\n\r\nfirst\r\n");
        byte[] second = Message("two", 200_000);
        var source = new GatedStream(second, 100_000);
        using var cancel = new CancellationTokenSource();
        var append = client.AppendManyAsync(name, [new AppendMessage(first), new AppendMessage(source, second.Length), new AppendMessage(first)], cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var status = client.GetStatusAsync("INBOX");

        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await status).Messages, Is.EqualTo((uint)DovecotFixture.InboxMessages));
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.Zero, "atomic: the first message was not stored either");
        Assert.That(client.IsConnected, Is.True);
        await client.DeleteMailboxAsync(name);
    }

    [Test]
    public async Task Catenate_builds_a_message_from_new_text_and_sections_of_a_stored_one()
    {
        await using var client = await ClientFactory.LoginAsync();
        Assert.That(client.Capabilities, Does.Contain("CATENATE"));
        string name = await CreateAsync(client);
        byte[] original = Encoding.ASCII.GetBytes("Subject: original\r\nFrom: a@example.org\r\n\r\nThe original body.\r\n");
        var stored = await client.AppendAsync(name, original);
        byte[] header = Encoding.ASCII.GetBytes("Subject: built\r\nFrom: b@example.org\r\n\r\n");
        byte[] footer = Encoding.ASCII.GetBytes("-- \r\nadded\r\n");

        var built = await client.AppendCatenatedAsync(name,
        [
            CatenatePart.Text(header),
            CatenatePart.Message(name, stored.UidValidity!.Value, stored.Uid!.Value, "TEXT"),
            CatenatePart.TextFromStream(new MemoryStream(footer), footer.Length),
        ], new AppendOptions { Flags = MessageFlag.Draft });

        var box = await client.ExamineAsync(name);
        byte[] expected = [.. header, .. "The original body.\r\n"u8, .. footer];
        Assert.That(Encoding.ASCII.GetString(await box.FetchBodyBytesAsync(built.Uid!.Value)), Is.EqualTo(Encoding.ASCII.GetString(expected)));
        await box.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }

    [Test]
    public async Task Catenate_with_a_url_to_nothing_fails_with_badurl_and_stores_nothing()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        var stored = await client.AppendAsync(name, Encoding.ASCII.GetBytes("Subject: x\r\n\r\nx\r\n"));

        var error = Assert.ThrowsAsync<ImapCommandException>(() => client.AppendCatenatedAsync(name,
            [CatenatePart.Text("Subject: y\r\n\r\n"u8.ToArray()), CatenatePart.Message(name, stored.UidValidity!.Value + 1, stored.Uid!.Value)]));

        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.BadUrl), error.Message);
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.EqualTo(1u));
        await client.DeleteMailboxAsync(name);
    }

    [Test]
    public async Task Catenate_cancelled_inside_a_text_stores_nothing_and_the_connection_goes_on()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        var stored = await client.AppendAsync(name, Encoding.ASCII.GetBytes("Subject: x\r\n\r\nx\r\n"));
        byte[] text = Message("cat", 200_000);
        var source = new GatedStream(text, 70_000);
        using var cancel = new CancellationTokenSource();
        var append = client.AppendCatenatedAsync(name,
            [CatenatePart.Message(name, stored.UidValidity!.Value, stored.Uid!.Value), CatenatePart.TextFromStream(source, text.Length)],
            cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.EqualTo(1u), "only the message stored before");
        Assert.That(client.IsConnected, Is.True);
        await client.DeleteMailboxAsync(name);
    }

    [Test]
    public async Task A_stream_of_unknown_length_is_buffered_and_stored_byte_for_byte()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] message = Message("piped", 250_000);

        var stored = await client.AppendBufferedAsync(name, new GatedStream(message, message.Length) { Seekable = false }, maxLength: 1_000_000);

        var box = await client.ExamineAsync(name);
        Assert.That(await box.FetchBodyBytesAsync(stored.Uid!.Value), Is.EqualTo(message));
        await box.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }

    private static async Task<string> CreateAsync(ImapClient client)
    {
        string name = "Uploads-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateMailboxAsync(name);
        return name;
    }

    private static byte[] Message(string subject, int length)
    {
        var text = new StringBuilder($"Subject: {subject}\r\n\r\n");
        while (text.Length < length)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {text.Length} of a generated message.\r\n");
        }

        text.Length = length - 2;
        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Gives its data up to a point, then waits until the read is cancelled.</summary>
    private sealed class GatedStream(byte[] data, int gate) : MemoryStream(data)
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => reached.Task;

        public bool Seekable { get; init; } = true;

        public override bool CanSeek => Seekable && base.CanSeek;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int left = gate - (int)Position;
            if (left == 0 && gate < Length)
            {
                reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, left)], cancellationToken);
        }
    }
}
