namespace Imap.IntegrationTests;

/// <summary>LIST and STATUS against Dovecot.</summary>
[TestFixture]
public sealed class MailboxTests
{
    [Test]
    public async Task List_shows_the_special_use_mailboxes()
    {
        await using var client = await ClientFactory.LoginAsync();

        var all = await client.ListMailboxesAsync();

        Assert.That(all.Select(m => m.Name), Is.SupersetOf(new[] { "INBOX", "Sent", "Trash", "Drafts", "Junk", "Archive" }));
        Assert.That(all.Single(m => m.Name == "Sent").SpecialUse, Is.EqualTo("\\Sent"));
        Assert.That(all.Single(m => m.Name == "Trash").SpecialUse, Is.EqualTo("\\Trash"));
        Assert.That(all.All(m => m.Delimiter == '/'), Is.True);
    }

    [Test]
    public async Task Concurrent_status_of_every_mailbox_matches_one_by_one()
    {
        await using var client = await ClientFactory.LoginAsync();
        var names = (await client.ListMailboxesAsync()).Where(m => m.IsSelectable).Select(m => m.Name).ToList();
        var items = StatusItems.Messages | StatusItems.Unseen | StatusItems.UidNext | StatusItems.UidValidity | StatusItems.Size | StatusItems.HighestModSeq;

        var sequential = new List<MailboxStatus>();
        foreach (string name in names)
        {
            sequential.Add(await client.GetStatusAsync(name, items));
        }

        var concurrent = await Task.WhenAll(names.Select(n => client.GetStatusAsync(n, items)));

        Assert.That(concurrent.Select(s => (s.Name, s.Messages, s.Unseen, s.UidNext, s.UidValidity, s.Size)),
            Is.EqualTo(sequential.Select(s => (s.Name, s.Messages, s.Unseen, s.UidNext, s.UidValidity, s.Size))));
        Assert.That(concurrent.Single(s => s.Name == "INBOX").Messages, Is.EqualTo(DovecotFixture.InboxMessages));
        Assert.That(concurrent.All(s => s.HighestModSeq > 0), Is.True);
    }
}
