using System.Text;

namespace Imap.IntegrationTests;

/// <summary>CLOSE, UNSELECT, the UNSELECT fallback's premise, CHECK and NOOP against Dovecot, each in a mailbox of its own.</summary>
[TestFixture]
public sealed class SelectedStateTests
{
    [Test]
    public async Task Close_expunges_the_deleted_messages_silently_and_leaves_the_mailbox()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 2, deleted: 1);
        var mailbox = await client.SelectAsync(name);
        Assert.That(mailbox.Count, Is.EqualTo(3u));

        await mailbox.CloseAsync();

        Assert.That(client.Selected, Is.Null);
        Assert.That(mailbox.IsValid, Is.False);
        Assert.That(mailbox.Count, Is.EqualTo(3u), "no EXPUNGE responses reach the closed mailbox");
        Assert.That(() => mailbox.FetchListAsync(UidSet.All, FetchItems.Flags), Throws.InvalidOperationException);
        Assert.That((await client.GetStatusAsync(name, StatusItems.Messages)).Messages, Is.EqualTo(2u));
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Unselect_leaves_the_mailbox_without_expunging()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 1, deleted: 2);
        var mailbox = await client.SelectAsync(name);

        await mailbox.UnselectAsync();

        Assert.That(client.Selected, Is.Null);
        Assert.That(mailbox.IsValid, Is.False);
        Assert.That((await client.GetStatusAsync(name, StatusItems.Messages)).Messages, Is.EqualTo(3u));

        // The session is in the authenticated state again: a command that needs a mailbox is refused.
        var check = await client.ExecuteAsync(new ImapCommand("CHECK"));
        Assert.That(check.Status, Is.Not.EqualTo(ImapStatus.Ok));
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task The_unselect_fallback_holds_on_dovecot_a_failed_examine_deselects_without_expunging()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 1, deleted: 1);
        await client.SelectAsync(name);

        // What UnselectAsync sends when the server has no UNSELECT (RFC 3501 §6.3.1): EXAMINE of a name that does not exist.
        var probe = await client.ExecuteAsync(new ImapCommand("EXAMINE").Mailbox("ImapClient-unselect-" + Guid.NewGuid().ToString("N")));
        Assert.That(probe.Status, Is.EqualTo(ImapStatus.No));

        var check = await client.ExecuteAsync(new ImapCommand("CHECK"));
        Assert.That(check.Status, Is.Not.EqualTo(ImapStatus.Ok), "no mailbox is selected any more");
        Assert.That((await client.GetStatusAsync(name, StatusItems.Messages)).Messages, Is.EqualTo(2u), "nothing was expunged");
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Close_of_an_examined_mailbox_expunges_nothing()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 1, deleted: 1);
        var mailbox = await client.ExamineAsync(name);

        await mailbox.CloseAsync();

        Assert.That((await client.GetStatusAsync(name, StatusItems.Messages)).Messages, Is.EqualTo(2u));
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task Check_and_noop_run_on_the_selected_mailbox_and_report_new_messages()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 1, deleted: 0);
        var mailbox = await client.SelectAsync(name);

        await mailbox.CheckAsync();
        await using (var other = await ClientFactory.LoginAsync())
        {
            await other.AppendAsync(name, Message("arrived later"));
        }

        await mailbox.NoopAsync();

        Assert.That(mailbox.IsValid, Is.True);
        Assert.That(mailbox.Count, Is.EqualTo(2u));
        await mailbox.UnselectAsync();
        await DeleteAsync(client, name);
    }

    [Test]
    public async Task A_fetch_queued_behind_close_fails_instead_of_running_without_a_mailbox()
    {
        await using var client = await ClientFactory.LoginAsync();
        string name = await CreateWithMessagesAsync(client, kept: 2, deleted: 0);
        var mailbox = await client.SelectAsync(name);
        var uids = (await mailbox.FetchListAsync(UidSet.All, FetchItems.Flags)).Select(m => m.Uid).ToList();

        var before = mailbox.FetchBodyBytesAsync(uids[0]);
        var close = mailbox.CloseAsync();
        // Whether CLOSE has already gone out (the fetch before it can complete at once) or not, the fetch after it
        // must fail, either at once or when its turn comes.
        var after = Capture(() => mailbox.FetchBodyBytesAsync(uids[1]));

        Assert.That(await before, Is.Not.Empty);
        await close;
        Assert.ThrowsAsync<InvalidOperationException>(() => after);
        Assert.That(client.IsConnected, Is.True);
        await DeleteAsync(client, name);
    }

    private static Task<T> Capture<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (InvalidOperationException e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static byte[] Message(string subject) =>
        Encoding.ASCII.GetBytes($"From: a@example.org\r\nTo: b@example.org\r\nSubject: {subject}\r\n\r\nbody\r\n");

    private static async Task<string> CreateWithMessagesAsync(ImapClient client, int kept, int deleted)
    {
        string name = "SelectedState-" + Guid.NewGuid().ToString("N")[..12];
        var created = await client.ExecuteAsync(new ImapCommand("CREATE").Mailbox(name));
        Assert.That(created.Status, Is.EqualTo(ImapStatus.Ok), created.Text);
        for (int i = 0; i < kept; i++)
        {
            await client.AppendAsync(name, Message("kept " + i));
        }

        for (int i = 0; i < deleted; i++)
        {
            await client.AppendAsync(name, Message("deleted " + i), MessageFlag.Deleted);
        }

        return name;
    }

    private static async Task DeleteAsync(ImapClient client, string name) =>
        await client.ExecuteAsync(new ImapCommand("DELETE").Mailbox(name));
}
