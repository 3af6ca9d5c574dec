using System.Text;

namespace Imap.Tests.Dispatch;

/// <summary>A command with a synchronizing literal cancelled while it waits for "+" keeps the connection.</summary>
public sealed class LiteralCancellationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test(Description = "Cancelling any command while it waited for the server's '+' closed the connection.")]
    public async Task A_search_cancelled_while_waiting_for_the_continuation_is_finished_in_the_background_and_the_connection_stays()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();
        using var cancel = new CancellationTokenSource();
        var search = inbox.SearchAsync(SearchQuery.From("Jürgen"), cancel.Token);
        string line = await h.Server.ReadLineAsync();
        Assert.That(line, Does.EndWith(" UID SEARCH CHARSET UTF-8 FROM {7}"));

        await cancel.CancelAsync();

        Assert.That(() => search.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        var noop = h.Client.NoopAsync();
        // The search keeps the writer until the server answers; its literal waits for the "+" (refused instead, it
        // never comes: the next test).
        h.ExpectHeldBack("NOOP");
        await h.Server.SendAsync("+ go ahead\r\n");
        Assert.That(await h.Server.ReadBytesAsync(9), Is.EqualTo(Encoding.UTF8.GetBytes("Jürgen\r\n")), "the rest of the command, as it was");
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"* SEARCH 3\r\n{tag} OK done\r\n");
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
        Assert.That(h.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_cancelled_command_the_server_refuses_instead_of_continuing_sends_nothing_more()
    {
        await using var h = await ClientHarness.ConnectAsync("IMAP4rev1");
        var inbox = await h.SelectInboxAsync();
        using var cancel = new CancellationTokenSource();
        var search = inbox.SearchAsync(SearchQuery.From("Jürgen"), cancel.Token);
        string line = await h.Server.ReadLineAsync();

        await cancel.CancelAsync();

        Assert.That(() => search.WaitAsync(Wait), Throws.InstanceOf<OperationCanceledException>());
        string tag = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        await h.Server.SendAsync($"{tag} NO [BADCHARSET] no\r\n");
        var noop = h.Client.NoopAsync();
        var next = await h.Server.ReadCommandAsync();
        Assert.That(next.Text, Is.EqualTo("NOOP"));
        await h.Server.SendAsync($"{next.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }
}
