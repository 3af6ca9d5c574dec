using System.Text;
using Imap.Tests.Dispatch;

namespace Imap.Tests.Uploads;

/// <summary>
/// An upload cancelled while the server has yet to grant a literal that comes before its data (a mailbox name long
/// enough to be a literal): the rest of the command up to the upload is written as the server asks, then filler for the
/// upload and the ending the server must refuse, never data the literal did not announce.
/// </summary>
public sealed class LiteralBeforeUploadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Cancelled_while_the_mailbox_literal_waits_for_its_go_ahead_the_upload_is_finished_with_filler()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1 MULTIAPPEND");
        string mailbox = new('m', 1100);
        byte[] message = Encoding.ASCII.GetBytes("Subject: one\r\n\r\n1\r\n");
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendManyAsync(mailbox, [new AppendMessage(message), new AppendMessage(message)], cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("APPEND {1100}"));

        await cancel.CancelAsync();
        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync("+ go\r\n");

        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(1100)), Is.EqualTo(mailbox));
        Assert.That(await h.Server.ReadLineAsync(), Is.EqualTo($" {{{message.Length}}}"));
        await h.Server.SendAsync("+ go\r\n");
        Assert.That(Encoding.ASCII.GetString(await h.Server.ReadBytesAsync(message.Length + 4)), Is.EqualTo(new string('X', message.Length) + " )\r\n"),
            "filler for the first message, then the refused ending; the second message is never sent");
        await h.Server.SendAsync($"{command.Tag} BAD Invalid arguments\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }

    [Test]
    public async Task A_refusal_instead_of_the_go_ahead_ends_it_without_writing_more()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        string mailbox = new('m', 1100);
        using var cancel = new CancellationTokenSource();
        var append = h.Client.AppendFromStreamAsync(mailbox, new PausingStream("x"u8.ToArray()), 1, cancellationToken: cancel.Token);
        var command = await h.Server.ReadCommandAsync();

        await cancel.CancelAsync();
        Assert.That(() => append.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        await h.Server.SendAsync($"{command.Tag} NO too long\r\n");

        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"), "nothing of the abandoned command was written after the refusal");
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }
}
