using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Uploads;

/// <summary>MULTIAPPEND (RFC 3502): exact bytes, the UIDs of all messages, the fallback, and cancellation inside any message.</summary>
public sealed class MultiAppendTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Messages_from_memory_and_a_stream_go_in_one_command_and_all_uids_come_back()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UIDPLUS MULTIAPPEND");
        byte[] first = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        byte[] second = Encoding.ASCII.GetBytes("Subject: two\r\n\r\n22\r\n");
        byte[] third = Encoding.ASCII.GetBytes("Subject: three\r\n\r\n333\r\n");
        var reports = new List<long>();
        var append = h.Client.AppendManyAsync("Sent",
        [
            new AppendMessage(first) { Flags = MessageFlag.Seen },
            new AppendMessage(new PausingStream(second), second.Length) { InternalDate = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), Progress = new SyncProgress(reports) },
            new AppendMessage(third) { Flags = MessageFlag.Draft | MessageFlag.Flagged, InternalDate = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)) },
        ]);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent (\\Seen) {{{first.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(first.Length), Is.EqualTo(first));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" \"02-Jan-2024 03:04:05 +0000\" {{{second.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(second.Length), Is.EqualTo(second));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" (\\Draft \\Flagged) \"02-Jan-2024 03:04:05 -0500\" {{{third.Length}+}}"));
        Assert.That(await h.Server.ReadBytesAsync(third.Length), Is.EqualTo(third));
        Assert.That(await h.Server.ReadLineAsync(), Is.Empty, "the command ends right after the last message");
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 38505 3955:3957] done\r\n");

        var result = await append.WaitAsync(Wait);
        Assert.That(result.UidValidity, Is.EqualTo(38505u));
        Assert.That(result.Uids!.ToString(), Is.EqualTo("3955:3957"));
        Assert.That(reports, Is.EqualTo(new long[] { second.Length }), "each message reports its own progress");
    }

    [Test]
    public async Task Without_literal_plus_each_message_waits_for_the_servers_go_ahead()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MULTIAPPEND");
        byte[] first = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        byte[] second = Encoding.ASCII.GetBytes("Subject: two\r\n\r\n22\r\n");
        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(first), new AppendMessage(new PausingStream(second), second.Length)]);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent {{{first.Length}}}"));
        // Each literal waits for its "+": refused instead, it never comes (the two refusal tests below).
        h.Server.ExpectNothingUnread();
        await h.Server.SendAsync("+ go\r\n");
        Assert.That(await h.Server.ReadBytesAsync(first.Length), Is.EqualTo(first));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" {{{second.Length}}}"));
        h.Server.ExpectNothingUnread();
        await h.Server.SendAsync("+ go\r\n");
        Assert.That(await h.Server.ReadBytesAsync(second.Length + 2), Is.EqualTo(second.Concat("\r\n"u8.ToArray()).ToArray()));
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");

        var result = await append.WaitAsync(Wait);
        Assert.That(result.Uids, Is.Null, "no UIDPLUS");
    }

    [Test]
    public async Task A_refusal_before_the_first_go_ahead_sends_no_message()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MULTIAPPEND");
        byte[] message = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(message), new AppendMessage(message)]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent {{{message.Length}}}"));
        await h.Server.SendAsync($"{command.Tag} NO [TRYCREATE] No such mailbox\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => append.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("TRYCREATE"));
        // Had the first message gone out before the "+", its bytes would come before the NOOP.
        await h.ExpectNothingBeforeNoopAsync();
    }

    [Test]
    public async Task A_refusal_between_messages_stops_the_sending_and_fails_the_call()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MULTIAPPEND");
        byte[] message = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(message), new AppendMessage(message)]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ go\r\n");
        await h.Server.ReadBytesAsync(message.Length);
        await h.Server.ReadLineAsync();
        await h.Server.SendAsync($"{command.Tag} NO [TOOBIG] too much at once\r\n");

        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => append.WaitAsync(Wait));
        Assert.That(error!.WasSent, Is.True);
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "the second message was never sent");
    }

    [Test]
    public async Task Without_multiappend_nothing_is_sent_unless_separate_appends_are_allowed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ UIDPLUS");
        byte[] first = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        byte[] second = Encoding.ASCII.GetBytes("Subject: two\r\n\r\n22\r\n");

        var refused = Assert.ThrowsAsync<NotSupportedException>(() => h.Client.AppendManyAsync("Sent", [new AppendMessage(first), new AppendMessage(second)]));
        Assert.That(refused!.Message, Does.Contain("MULTIAPPEND").And.Contain("allowSeparateAppends"));

        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(first), new AppendMessage(second) { Flags = MessageFlag.Seen }], allowSeparateAppends: true);
        var one = await h.Server.ReadCommandAsync();
        Assert.That(one.Text, Is.EqualTo($"APPEND Sent {{{first.Length}+}}"), "the first thing sent: nothing went for the refused call");
        Assert.That(await h.Server.ReadBytesAsync(first.Length + 2), Is.EqualTo(first.Concat("\r\n"u8.ToArray()).ToArray()));
        await h.Server.SendAsync($"{one.Tag} OK [APPENDUID 7 20] done\r\n");
        var two = await h.Server.ReadCommandAsync();
        Assert.That(two.Text, Is.EqualTo($"APPEND Sent (\\Seen) {{{second.Length}+}}"));
        await h.Server.ReadBytesAsync(second.Length + 2);
        await h.Server.SendAsync($"{two.Tag} OK [APPENDUID 7 21] done\r\n");

        var result = await append.WaitAsync(Wait);
        Assert.That(result.UidValidity, Is.EqualTo(7u));
        Assert.That(result.Uids!.ToString(), Is.EqualTo("20:21"));
    }

    [Test]
    public async Task Every_message_is_checked_against_the_limit_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ MULTIAPPEND APPENDLIMIT=20");
        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendManyAsync("Sent",
            [new AppendMessage(new byte[10].Select(_ => (byte)'a').ToArray()), new AppendMessage(new byte[21].Select(_ => (byte)'a').ToArray())]));
        Assert.That(error!.Size, Is.EqualTo(21));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    [TestCase(0)]
    [TestCase(70_000)]
    [TestCase(99_999)]
    public async Task Cancelled_inside_the_second_message_the_literal_is_finished_and_the_command_made_invalid(int offset)
    {
        const int Length = 100_000;
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ MULTIAPPEND");
        byte[] first = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        byte[] second = Encoding.ASCII.GetBytes("Subject: two\r\n\r\n" + new string('z', Length - 18) + "\r\n");
        var source = new PausingStream(second, offset);
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(first), new AppendMessage(source, Length), new AppendMessage(first)], cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.ReadBytesAsync(first.Length);
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" {{{Length}+}}"));
        var sent = await h.Server.ReadBytesAsync(offset);
        await source.Reached.WaitAsync(Wait);

        await cancel.CancelAsync();

        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        var rest = Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(Length - offset + 4));
        Assert.That(sent, Is.EqualTo(second.AsSpan(0, offset).ToArray()));
        Assert.That(rest, Is.EqualTo(new string('X', Length - offset) + " )\r\n"), "filler, then what no message may be followed by; the third message is not sent");
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task Cancelled_while_waiting_for_the_go_ahead_of_the_second_message_it_is_finished_with_filler()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MULTIAPPEND");
        byte[] message = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendManyAsync("Sent", [new AppendMessage(message), new AppendMessage(message)], cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync("+ go\r\n");
        await h.Server.ReadBytesAsync(message.Length);
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" {{{message.Length}}}"));

        await cancel.CancelAsync();
        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync("+ go\r\n");

        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(message.Length + 4)), Is.EqualTo(new string('X', message.Length) + " )\r\n"));
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n");
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"));
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
