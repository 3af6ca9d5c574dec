namespace Imap.IntegrationTests;

/// <summary>
/// The typed API where servers are known to differ (issue 12, "Other servers"): body structures in any case,
/// STATUS items a server refuses, subscriptions through LSUB. Each holds on Dovecot, Cyrus and Courier alike.
/// </summary>
[TestFixture]
[Category(TestTarget.ServerNeutral)]
public sealed class ServerNeutralTests
{
    [Test]
    public async Task Every_summary_of_the_inbox_parses_with_mime_tokens_in_lower_case()
    {
        await using var client = await ClientFactory.LoginAsync();
        var inbox = await client.ExamineAsync("INBOX");

        var all = await inbox.FetchListAsync(UidSet.All, FetchItems.Summary);

        Assert.That(all, Has.Count.EqualTo(DovecotFixture.Target.InboxMessages));
        Assert.That(all.Select(m => m.Uid.Value), Is.Ordered.Ascending);
        Assert.That(all.All(m => m.Envelope is not null && m.Body is not null && m.InternalDate is not null), Is.True);
        Assert.That(all.Count(m => m.Body is Multipart), Is.GreaterThan(0));
        Assert.That(all.Count(m => m.Body!.Flatten().OfType<MessagePart>().Any()), Is.GreaterThan(0), "forwarded messages");
        var parts = all.SelectMany(m => m.Body!.Flatten()).ToList();
        Assert.That(parts.Where(p => HasUpperCase(p.ContentType)).Select(p => p.ContentType), Is.Empty);
        Assert.That(parts.OfType<SinglePart>().Select(p => p.Encoding).Distinct().Where(HasUpperCase), Is.Empty);
        Assert.That(parts.Where(p => p.Disposition is { } d && HasUpperCase(d.Type)), Is.Empty);
        Assert.That(parts.Count(p => p.Disposition?.IsAttachment == true), Is.GreaterThan(0), "attachments are recognised");
        Assert.That(parts.OfType<TextPart>().Count(p => p.Parameters["charset"] is not null), Is.GreaterThan(0));
        Assert.That(client.IsConnected, Is.True);
    }

    [Test]
    public async Task Status_with_appendlimit_answers_whether_or_not_the_server_takes_the_item()
    {
        await using var client = await ClientFactory.LoginAsync();

        var first = await client.GetStatusAsync("INBOX", StatusItems.Messages | StatusItems.AppendLimit);
        var second = await client.GetStatusAsync("INBOX", StatusItems.Messages | StatusItems.UidNext | StatusItems.AppendLimit);

        Assert.That(first.Messages, Is.EqualTo(DovecotFixture.Target.InboxMessages));
        Assert.That((second.Messages, second.AppendLimit), Is.EqualTo((first.Messages, first.AppendLimit)));
        Assert.That(second.UidNext, Is.GreaterThan((uint)DovecotFixture.Target.InboxMessages));
    }

    [Test]
    public async Task A_listing_with_status_and_appendlimit_answers_on_every_server()
    {
        await using var client = await ClientFactory.LoginAsync();
        var options = new MailboxListOptions { Status = StatusItems.Messages | StatusItems.AppendLimit };

        var listed = await client.ListMailboxesAsync(options);
        var again = await client.ListMailboxesAsync(options);

        var inbox = listed.Single(m => m.Name == "INBOX");
        Assert.That(inbox.Status?.Messages, Is.EqualTo(DovecotFixture.Target.InboxMessages));
        Assert.That(listed.Where(m => m.IsSelectable).All(m => m.Status is not null), Is.True);
        Assert.That(again.Select(m => (m.Name, m.Status?.Messages)), Is.EqualTo(listed.Select(m => (m.Name, m.Status?.Messages))));
    }

    [Test]
    public async Task Subscribed_listings_report_only_subscribed_names_and_the_subscribed_return_option_agrees()
    {
        await using var client = await ClientFactory.LoginAsync();
        string drafts = DovecotFixture.Target.Mailbox("Drafts");

        var subscribed = await client.ListMailboxesAsync(new MailboxListOptions { Selection = ListSelectionOptions.Subscribed });
        var lsub = await client.ListSubscribedMailboxesAsync();
        var marked = await client.ListMailboxesAsync(new MailboxListOptions { Return = ListReturnOptions.Subscribed });

        Assert.That(subscribed.Select(m => m.Name), Does.Contain(drafts));
        Assert.That(subscribed.All(m => m.IsSubscribed), Is.True, string.Join(", ", subscribed.Where(m => !m.IsSubscribed)));
        Assert.That(
            lsub.Where(m => m.IsSubscribed).Select(m => m.Name).Order(StringComparer.Ordinal),
            Is.EqualTo(subscribed.Select(m => m.Name).Order(StringComparer.Ordinal)));
        Assert.That(
            marked.Where(m => m.IsSubscribed).Select(m => m.Name).Order(StringComparer.Ordinal),
            Is.EqualTo(subscribed.Select(m => m.Name).Where(n => marked.Any(m => m.Name == n)).Order(StringComparer.Ordinal)));
        Assert.That(lsub.Where(m => !m.IsSubscribed).All(m => m.ChildInfo.Contains("SUBSCRIBED")), Is.True, "a parent LSUB adds has subscribed children");
    }

    private static bool HasUpperCase(string text) => text.AsSpan().ContainsAnyInRange('A', 'Z');
}
