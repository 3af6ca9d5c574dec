using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Uploads;

/// <summary>APPENDLIMIT (RFC 7889) checked before anything is sent, and a server's [TOOBIG] typed the same way.</summary>
public sealed class AppendLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_message_over_the_capabilitys_limit_fails_typed_and_nothing_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=100");

        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendAsync("Sent", new byte[101].Select(_ => (byte)'a').ToArray()));

        Assert.That(error!.Limit, Is.EqualTo(100));
        Assert.That(error.Size, Is.EqualTo(101));
        Assert.That(error.Mailbox, Is.EqualTo("Sent"));
        Assert.That(error.WasSent, Is.False);
        Assert.That(error.Message, Does.Contain("101 bytes").And.Contain("100 bytes").And.Contain("APPENDLIMIT"));
        await ExpectNoopNextAsync(h);
    }

    [Test]
    public async Task A_stream_over_the_limit_is_not_read_and_a_message_at_the_limit_goes()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=100");
        var source = new PausingStream(Encoding.ASCII.GetBytes(new string('a', 101)));

        Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendFromStreamAsync("Sent", source, 101));
        Assert.That(source.Reads, Is.Zero);

        var append = h.Client.AppendAsync("Sent", Encoding.ASCII.GetBytes(new string('b', 100)));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("APPEND Sent {100+}"));
        await h.Server.ReadBytesAsync(102);
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        await append.WaitAsync(Wait);
    }

    [Test]
    public async Task A_mailboxs_status_limit_is_used_for_that_mailbox_only()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT");
        var status = h.Client.GetStatusAsync("Small", StatusItems.AppendLimit);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("STATUS Small (APPENDLIMIT)"));
        await h.Server.SendAsync($"* STATUS Small (APPENDLIMIT 50)\r\n{command.Tag} OK done\r\n");
        Assert.That((await status.WaitAsync(Wait)).AppendLimit, Is.EqualTo(50L));

        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendAsync("Small", Encoding.ASCII.GetBytes(new string('a', 51))));
        Assert.That(error!.Limit, Is.EqualTo(50));

        var other = h.Client.AppendAsync("Other", Encoding.ASCII.GetBytes(new string('a', 51)));
        var append = await h.Server.ReadCommandAsync();
        Assert.That(append.Text, Is.EqualTo("APPEND Other {51+}"), "no limit is known for Other, and nothing was sent for Small");
        await h.Server.ReadBytesAsync(53);
        await h.Server.SendAsync($"{append.Tag} OK done\r\n");
        await other.WaitAsync(Wait);
    }

    [Test]
    public async Task Limits_past_4_gib_are_kept_whole_from_status_and_from_the_capability()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=4294967296");
        var status = h.Client.GetStatusAsync("Huge", StatusItems.AppendLimit | StatusItems.Size);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* STATUS Huge (SIZE 6000000000 APPENDLIMIT 5000000000)\r\n{command.Tag} OK done\r\n");
        var huge = await status.WaitAsync(Wait);
        Assert.That((huge.Size, huge.AppendLimit), Is.EqualTo(((long?)6_000_000_000, (long?)5_000_000_000)));

        // Only the declared length is compared: nothing is read from the streams, nothing is sent.
        var source = new PausingStream([]);
        var overMailbox = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendFromStreamAsync("Huge", source, 5_000_000_001));
        Assert.That((overMailbox!.Size, overMailbox.Limit), Is.EqualTo(((long?)5_000_000_001, (long?)5_000_000_000)));
        var overCapability = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendFromStreamAsync("Other", source, 4_294_967_297));
        Assert.That((overCapability!.Size, overCapability.Limit), Is.EqualTo(((long?)4_294_967_297, (long?)4_294_967_296)));
        Assert.That(source.Reads, Is.Zero);
        await ExpectNoopNextAsync(h);
    }

    [Test]
    public async Task A_capability_limit_past_number64_is_no_limit()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=9223372036854775808");
        var append = h.Client.AppendAsync("Sent", Encoding.ASCII.GetBytes("x"));
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("APPEND Sent {1+}"));
        await h.Server.ReadBytesAsync(3);
        await h.Server.SendAsync($"{command.Tag} NO [TOOBIG] too big\r\n");

        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => append.WaitAsync(Wait));
        Assert.That((error!.Size, error.Limit), Is.EqualTo(((long?)1, (long?)null)), "no limit was known");
    }

    [Test]
    public async Task A_list_status_limit_is_remembered_for_each_mailbox_listed()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ LIST-EXTENDED LIST-STATUS APPENDLIMIT");
        var list = h.Client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.AppendLimit });
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("LIST \"\" \"*\" RETURN (STATUS (APPENDLIMIT))"));
        await h.Server.SendAsync(
            "* LIST () \"/\" Tiny\r\n* STATUS Tiny (APPENDLIMIT 5)\r\n* LIST () \"/\" Roomy\r\n* STATUS Roomy (APPENDLIMIT 500)\r\n"
            + $"{command.Tag} OK done\r\n");
        Assert.That(await list.WaitAsync(Wait), Has.Count.EqualTo(2));

        var error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => h.Client.AppendAsync("Tiny", "123456"u8.ToArray()));
        Assert.That((error!.Size, error.Limit), Is.EqualTo(((long?)6, (long?)5)));
        var roomy = h.Client.AppendAsync("Roomy", "123456"u8.ToArray());
        var append = await h.Server.ReadCommandAsync();
        Assert.That(append.Text, Is.EqualTo("APPEND Roomy {6+}"));
        await h.Server.ReadBytesAsync(8);
        await h.Server.SendAsync($"{append.Tag} OK done\r\n");
        await roomy.WaitAsync(Wait);
    }

    [Test]
    public async Task A_mailbox_without_limit_overrides_the_capabilitys()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=10");
        var status = h.Client.GetStatusAsync("Big", StatusItems.AppendLimit);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"* STATUS Big (APPENDLIMIT NIL)\r\n{command.Tag} OK done\r\n");
        await status.WaitAsync(Wait);

        var append = h.Client.AppendAsync("Big", Encoding.ASCII.GetBytes(new string('a', 20)));
        var sent = await h.Server.ReadCommandAsync();
        Assert.That(sent.Text, Is.EqualTo("APPEND Big {20+}"));
        await h.Server.ReadBytesAsync(22);
        await h.Server.SendAsync($"{sent.Tag} OK done\r\n");
        await append.WaitAsync(Wait);
    }

    [Test]
    public async Task A_servers_toobig_is_the_same_typed_error_and_the_connection_goes_on()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+ APPENDLIMIT=1000");
        var append = h.Client.AppendAsync("Sent", Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n"));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.ReadBytesAsync(22);
        await h.Server.SendAsync($"{command.Tag} NO [TOOBIG] Mailbox quota exceeded\r\n");

        ImapCommandException? error = Assert.ThrowsAsync<ImapMessageTooLargeException>(() => append.WaitAsync(Wait));
        var tooLarge = (ImapMessageTooLargeException)error!;
        Assert.That(tooLarge.WasSent, Is.True);
        Assert.That(tooLarge.Code?.Kind, Is.EqualTo(ResponseCodeKind.TooBig));
        Assert.That(tooLarge.Size, Is.EqualTo(20));
        Assert.That(tooLarge.Limit, Is.EqualTo(1000));
        Assert.That(tooLarge.ResponseText, Is.EqualTo("Mailbox quota exceeded"));
        await ExpectNoopNextAsync(h);
    }

    [Test]
    public async Task Another_refusal_stays_a_plain_command_error()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 LITERAL+");
        var append = h.Client.AppendAsync("Nowhere", Encoding.ASCII.GetBytes("x"));
        var command = await h.Server.ReadCommandAsync();
        await h.Server.ReadBytesAsync(3);
        await h.Server.SendAsync($"{command.Tag} NO [TRYCREATE] no such mailbox\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => append.WaitAsync(Wait));
        Assert.That(error, Is.Not.InstanceOf<ImapMessageTooLargeException>());
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.TryCreate));
    }

    /// <summary>The next command the server sees is a NOOP sent now: nothing else was sent before it.</summary>
    private static async Task ExpectNoopNextAsync(ClientHarness h)
    {
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }
}
