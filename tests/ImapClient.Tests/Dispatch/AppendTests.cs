using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>APPEND: literals, APPENDUID, and cancellation inside the literal.</summary>
public sealed class AppendTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nHello\r\n");

    [Test]
    public async Task Append_waits_for_the_continuation_and_returns_the_appenduid()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 UIDPLUS");
        var append = h.Client.AppendAsync("Sent", Message, MessageFlag.Seen, new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(1)));

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo($"APPEND Sent (\\Seen) \"27-Nov-2026 09:30:00 +0100\" {{{Message.Length}}}"));
        // The literal waits for the "+": refused instead, it is never sent (the next test proves it on the wire).
        h.Server.ExpectNothingUnread();
        await h.Server.SendAsync("+ Ready\r\n");
        Assert.That(await h.Server.ReadBytesAsync(Message.Length + 2), Is.EqualTo((byte[])[.. Message, (byte)'\r', (byte)'\n']));
        await h.Server.SendAsync($"{command.Tag} OK [APPENDUID 38505 3955] APPEND completed\r\n");

        var result = await append.WaitAsync(Wait);
        Assert.That((result.UidValidity, result.Uid, result.Uids?.ToString()), Is.EqualTo(((uint?)38505, (Uid?)new Uid(3955), "3955")));
    }

    [Test]
    public async Task Append_to_a_missing_mailbox_fails_with_trycreate_and_sends_no_literal()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var append = h.Client.AppendAsync("Missing", Message);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} NO [TRYCREATE] Mailbox doesn't exist\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => append.WaitAsync(Wait));
        Assert.That(error!.Code?.Name, Is.EqualTo("TRYCREATE"));
        var noop = h.Client.NoopAsync();
        Assert.That((await h.Server.ReadCommandAsync()).Text, Is.EqualTo("NOOP"), "the literal was never sent");
        _ = noop;
    }

    [Test(Description = "Cancelling an APPEND inside its literal closed the connection and failed every other command.")]
    public async Task Append_cancelled_while_waiting_for_the_continuation_finishes_with_filler_and_keeps_the_connection()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var other = h.Client.ExecuteAsync(new ImapCommand("X-OTHER") { Traits = CommandTraits.None });
        var otherCommand = await h.Server.ReadCommandAsync();
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendAsync("Sent", Message, cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();

        await cancel.CancelAsync();

        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync("+ Ready\r\n");
        Assert.That(await h.Server.ReadBytesAsync(Message.Length + 4), Is.EqualTo(Enumerable.Repeat((byte)'X', Message.Length).Concat(" )\r\n"u8.ToArray()).ToArray()));
        await h.Server.SendAsync($"{command.Tag} BAD Unexpected ')'\r\n{otherCommand.Tag} OK\r\n");
        await other.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task Append_cancelled_before_it_was_sent_sends_nothing_and_keeps_the_connection()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var barrier = h.Client.ExecuteAsync(new ImapCommand("X-BARRIER"));
        var barrierCommand = await h.Server.ReadCommandAsync();
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendAsync("Sent", Message, cancellationToken: cancel.Token);

        await cancel.CancelAsync();
        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync($"{barrierCommand.Tag} OK\r\n");
        await barrier.WaitAsync(Wait);
        await h.ExpectNothingBeforeNoopAsync();
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_keyword_that_is_not_an_atom_is_rejected_before_anything_is_sent()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");

        Assert.That(() => h.Client.AppendAsync("Sent", Message, MessageFlag.Keyword("bad keyword")), Throws.ArgumentException);
        Assert.That(() => h.Client.AppendAsync("Sent", Message, MessageFlag.Recent), Throws.ArgumentException);
        Assert.That(() => h.Client.AppendAsync("Se\0nt", Message), Throws.ArgumentException);
        await h.ExpectNothingBeforeNoopAsync();
    }
}
