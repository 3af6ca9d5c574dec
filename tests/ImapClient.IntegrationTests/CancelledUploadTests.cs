using System.Text;

namespace Imap.IntegrationTests;

/// <summary>
/// Uploads cancelled inside their data store nothing and keep the connection, on every server (run against Cyrus and
/// Courier by scripts/interop.sh): the filler and the ending the grammar forbids (<c> )</c> after a message,
/// <c>) )</c> after a CATENATE text) must make each server refuse the command. Courier refuses it but stores the
/// message all the same (see <see cref="ExpectCourierKeptTheFilledMessageAsync"/>).
/// </summary>
[TestFixture]
[Category(TestTarget.ServerNeutral)]
public sealed class CancelledUploadTests
{
    [Test]
    public async Task An_append_cancelled_inside_its_literal_stores_nothing_except_on_courier()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] message = Message(150_000);
        var source = new GatedStream(message, 70_000);
        using var cancel = new CancellationTokenSource();
        var append = client.AppendFromStreamAsync(name, source, message.Length, cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        if (DovecotFixture.Target.Kind == "courier")
        {
            await ExpectCourierKeptTheFilledMessageAsync(client, name, message, 70_000);
            return;
        }

        await ExpectEmptyThenUsableAsync(client, name);
    }

    [Test]
    public async Task A_multiappend_cancelled_inside_its_second_message_stores_none_or_is_refused_before_sending()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] first = Encoding.ASCII.GetBytes("Subject: first\r\n\r\nfirst\r\n");
        byte[] second = Message(150_000);
        var source = new GatedStream(second, 70_000);
        using var cancel = new CancellationTokenSource();
        if (!client.Capabilities.Contains("MULTIAPPEND"))
        {
            Assert.ThrowsAsync<NotSupportedException>(() => client.AppendManyAsync(name, [new AppendMessage(first), new AppendMessage(source, second.Length)]));
            await ExpectEmptyThenUsableAsync(client, name);
            return;
        }

        var append = client.AppendManyAsync(name, [new AppendMessage(first), new AppendMessage(source, second.Length)], cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        await ExpectEmptyThenUsableAsync(client, name);
    }

    [Test]
    public async Task A_catenate_cancelled_inside_a_text_stores_nothing_or_is_refused_before_sending()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateAsync(client);
        byte[] text = Message(150_000);
        var source = new GatedStream(text, 70_000);
        using var cancel = new CancellationTokenSource();
        if (!client.Capabilities.Contains("CATENATE"))
        {
            Assert.Throws<NotSupportedException>(() => client.AppendCatenatedAsync(name, [CatenatePart.TextFromStream(source, text.Length)]));
            await ExpectEmptyThenUsableAsync(client, name);
            return;
        }

        var append = client.AppendCatenatedAsync(name, [CatenatePart.Text("X-First: yes\r\n"u8.ToArray()), CatenatePart.TextFromStream(source, text.Length)], cancellationToken: cancel.Token);
        await source.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        Assert.That(() => append, Throws.InstanceOf<OperationCanceledException>());
        await ExpectEmptyThenUsableAsync(client, name);
    }

    /// <summary>
    /// Courier-IMAP 5.0 (which offers no LITERAL+) answers NO to the ending the grammar forbids, but has already stored
    /// the literal: the bytes sent, then the filler. A known defect of that server, documented in docs/bodies.md; this
    /// pins it down so that a change on either side is noticed.
    /// </summary>
    private static async Task ExpectCourierKeptTheFilledMessageAsync(ImapClient client, string name, byte[] message, int sent)
    {
        var box = await client.ExamineAsync(name);
        Assert.That(box.Count, Is.EqualTo(1u), "Courier stored the cancelled message");
        byte[] stored = await box.FetchBodyBytesAsync((await box.SearchAsync(SearchQuery.All)).Single());
        Assert.That(stored.AsSpan(0, sent).SequenceEqual(message.AsSpan(0, sent)), Is.True, "the bytes sent before the cancellation");
        Assert.That(stored.AsSpan(sent, message.Length - sent).IndexOfAnyExcept((byte)'X'), Is.EqualTo(-1), "then the filler");
        await box.UnselectAsync();
        Assert.That(client.IsConnected, Is.True);
        await client.DeleteMailboxAsync(name);
    }

    private static async Task ExpectEmptyThenUsableAsync(ImapClient client, string name)
    {
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.Zero, "nothing was stored");
        await client.AppendAsync(name, Encoding.ASCII.GetBytes("Subject: after\r\n\r\nstill works\r\n"));
        Assert.That((await client.GetStatusAsync(name)).Messages, Is.EqualTo(1u));
        Assert.That(client.IsConnected, Is.True);
        await client.DeleteMailboxAsync(name);
    }

    private static async Task<string> CreateAsync(ImapClient client)
    {
        string name = DovecotFixture.Target.Mailbox("Cancelled-" + Guid.NewGuid().ToString("N")[..12]);
        await client.CreateMailboxAsync(name);
        return name;
    }

    private static byte[] Message(int length) => TextMessages.Build("Subject: cancelled\r\n", "of a message that is never stored.", length);
}
