using Imap.Tests.Dispatch;

namespace Imap.Tests.Notify;

/// <summary>NOTIFY (RFC 5465) against a scripted server: the bytes, the unsolicited responses as typed events, the refusals.</summary>
public sealed class NotifyTests
{
    private const string Capabilities = "IMAP4rev1 NOTIFY CONDSTORE";
    private const NotifyEvents MessageEvents = NotifyEvents.MessageNew | NotifyEvents.MessageExpunge;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Notify_set_writes_every_filter_and_event_in_rfc_5465_syntax()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        NotifyEventGroup[] groups =
        [
            new(NotifyFilter.Selected, MessageEvents | NotifyEvents.FlagChange) { MessageNewFetch = new FetchRequest(FetchItems.Flags | FetchItems.Envelope) },
            new(NotifyFilter.Inboxes, MessageEvents),
            new(NotifyFilter.Personal, MessageEvents | NotifyEvents.MailboxName),
            new(NotifyFilter.Subscribed, NotifyEvents.SubscriptionChange | NotifyEvents.MailboxMetadataChange | NotifyEvents.ServerMetadataChange),
            new(NotifyFilter.Subtree("Lists", "Work Stuff"), MessageEvents | NotifyEvents.AnnotationChange),
            new(NotifyFilter.Mailboxes("Archive"), NotifyEvents.None),
        ];
        var notify = h.Client.NotifyAsync(groups, status: true);

        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo(
            "NOTIFY SET STATUS (SELECTED (MessageNew (UID FLAGS ENVELOPE) MessageExpunge FlagChange)) (INBOXES (MessageNew MessageExpunge)) " +
            "(PERSONAL (MessageNew MessageExpunge MailboxName)) (SUBSCRIBED (SubscriptionChange MailboxMetadataChange ServerMetadataChange)) " +
            "(SUBTREE (Lists \"Work Stuff\") (MessageNew MessageExpunge AnnotationChange)) (MAILBOXES Archive NONE)"));
        await h.Server.SendAsync($"{command.Tag} OK NOTIFY completed\r\n");
        await notify.WaitAsync(Wait);

        var none = h.Client.NotifyNoneAsync();
        command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOTIFY NONE"));
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        await none.WaitAsync(Wait);

        var delayed = h.Client.NotifyAsync([new NotifyEventGroup(NotifyFilter.SelectedDelayed, MessageEvents)]);
        command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOTIFY SET (SELECTED-DELAYED (MessageNew MessageExpunge))"));
        await h.Server.SendAsync($"{command.Tag} OK done\r\n");
        await delayed.WaitAsync(Wait);
    }

    [Test]
    public async Task Unsolicited_status_list_metadata_and_fetch_become_typed_events_in_order()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        var inbox = await h.SelectInboxAsync(exists: 3, uidNext: 4);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        var notify = h.Client.NotifyAsync([new NotifyEventGroup(NotifyFilter.Personal, MessageEvents | NotifyEvents.MailboxName)], status: true);
        var command = await h.Server.ReadCommandAsync();

        // NOTIFY SET STATUS answers with a STATUS of each watched mailbox before its completion; then events come unasked.
        await h.Server.SendAsync(
            "* STATUS Lists (MESSAGES 4 UIDNEXT 9 UNSEEN 1 UIDVALIDITY 77)\r\n" +
            $"{command.Tag} OK NOTIFY completed\r\n" +
            "* STATUS Lists (MESSAGES 5 UIDNEXT 10 UNSEEN 2)\r\n" +
            "* LIST () \"/\" \"New Box\"\r\n" +
            "* LIST (\\NonExistent) \"/\" Old\r\n" +
            "* LIST () \"/\" Renamed (\"OLDNAME\" (\"Before\"))\r\n" +
            "* METADATA Lists /private/comment\r\n" +
            "* METADATA \"\" /shared/admin /shared/comment\r\n" +
            "* 4 EXISTS\r\n" +
            "* 4 FETCH (UID 4 FLAGS () ENVELOPE (NIL \"Hello\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
        await notify.WaitAsync(Wait);

        var seen = new List<MailboxEvent>();
        while (seen.Count < 9 && await events.MoveNextAsync().AsTask().WaitAsync(Wait))
        {
            seen.Add(events.Current);
        }

        var first = (MailboxStatusChanged)seen[0];
        Assert.That((first.Status.Name, first.Status.Messages, first.Status.UidValidity), Is.EqualTo(("Lists", (uint?)4, (uint?)77)));
        var second = (MailboxStatusChanged)seen[1];
        Assert.That((second.Status.Messages, second.Status.UidNext, second.Status.Unseen), Is.EqualTo(((uint?)5, (uint?)10, (uint?)2)));
        var created = (MailboxListChanged)seen[2];
        Assert.That((created.Mailbox.Name, created.IsDeleted), Is.EqualTo(("New Box", false)));
        var deleted = (MailboxListChanged)seen[3];
        Assert.That((deleted.Mailbox.Name, deleted.IsDeleted), Is.EqualTo(("Old", true)));
        var renamed = (MailboxListChanged)seen[4];
        Assert.That((renamed.Mailbox.Name, renamed.Mailbox.OldName), Is.EqualTo(("Renamed", "Before")));
        var mailboxMetadata = (MetadataChanged)seen[5];
        Assert.That((mailboxMetadata.Mailbox, mailboxMetadata.Entries), Is.EqualTo(("Lists", new[] { "/private/comment" })));
        var serverMetadata = (MetadataChanged)seen[6];
        Assert.That((serverMetadata.Mailbox, serverMetadata.Entries.Count), Is.EqualTo((string.Empty, 2)));
        Assert.That(seen[7], Is.EqualTo(new MessageCountChanged(4)));
        var fetched = (MessageFetched)seen[8];
        Assert.That((fetched.Message.Uid.Value, fetched.Message.Envelope?.Subject), Is.EqualTo((4u, "Hello")));
        Assert.That(inbox.Count, Is.EqualTo(4u));
    }

    [Test]
    public async Task An_untagged_notification_overflow_tells_the_application_to_resynchronise()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        await using var events = h.Client.ReadEventsAsync().GetAsyncEnumerator();
        await h.Server.SendAsync("* OK [NOTIFICATIONOVERFLOW] Too many events\r\n");

        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Wait), Is.True);
        Assert.That(events.Current, Is.EqualTo(new NotificationsOverflowed("Too many events")));
    }

    [TestCase("NO [BADEVENT (MailboxMetadataChange ServerMetadataChange)] Unsupported")]
    [TestCase("NO [BADEVENT MailboxMetadataChange ServerMetadataChange] Unsupported NOTIFY events.")]
    public async Task A_refusal_names_the_unsupported_events_typed(string answer)
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        var notify = h.Client.NotifyAsync([new NotifyEventGroup(NotifyFilter.Personal, NotifyEvents.MailboxMetadataChange | NotifyEvents.ServerMetadataChange)]);
        var command = await h.Server.ReadCommandAsync();
        await h.Server.SendAsync($"{command.Tag} {answer}\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => notify.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.BadEvent));
        Assert.That(error.Code!.Atoms, Is.EqualTo(new[] { "MailboxMetadataChange", "ServerMetadataChange" }));
    }

    [Test]
    public async Task A_tagged_overflow_fails_the_command_with_its_code()
    {
        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        var notify = h.Client.NotifyAsync([new NotifyEventGroup(NotifyFilter.Mailboxes("a", "b"), MessageEvents)]);
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOTIFY SET (MAILBOXES (a b) (MessageNew MessageExpunge))"));
        await h.Server.SendAsync($"{command.Tag} NO [NOTIFICATIONOVERFLOW] Too many mailbox names\r\n");

        var error = Assert.ThrowsAsync<ImapCommandException>(() => notify.WaitAsync(Wait));
        Assert.That(error!.Code?.Kind, Is.EqualTo(ResponseCodeKind.NotificationOverflow));
    }

    [Test]
    public async Task Without_the_capability_or_with_invalid_groups_nothing_is_sent()
    {
        await using var plain = await ClientHarness.ConnectAsync("IMAP4rev1");
        var group = new NotifyEventGroup(NotifyFilter.Personal, MessageEvents);
        Assert.That(() => plain.Client.NotifyAsync([group]), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => plain.Client.NotifyNoneAsync(), Throws.InstanceOf<NotSupportedException>());

        await using var h = await ClientHarness.ConnectAsync(Capabilities);
        Assert.That(() => h.Client.NotifyAsync([]), Throws.ArgumentException);
        Assert.That(
            () => h.Client.NotifyAsync([new(NotifyFilter.Selected, MessageEvents), new(NotifyFilter.SelectedDelayed, MessageEvents)]),
            Throws.ArgumentException);
        Assert.That(() => new NotifyEventGroup(NotifyFilter.Personal, NotifyEvents.MessageNew), Throws.ArgumentException);
        Assert.That(() => new NotifyEventGroup(NotifyFilter.Personal, NotifyEvents.FlagChange), Throws.ArgumentException);
        Assert.That(() => new NotifyEventGroup(NotifyFilter.Personal, MessageEvents) { MessageNewFetch = FetchItems.Envelope }, Throws.ArgumentException);
        Assert.That(() => new NotifyEventGroup(NotifyFilter.Selected, NotifyEvents.MailboxName) { MessageNewFetch = FetchItems.Envelope }, Throws.ArgumentException);
        Assert.That(() => NotifyFilter.Mailboxes(), Throws.ArgumentException);
        Assert.That(() => NotifyFilter.Subtree("a", ""), Throws.ArgumentException);
        Assert.That(() => h.Client.NotifyAsync([new(NotifyFilter.Mailboxes("bad\0name"), MessageEvents)]), Throws.InstanceOf<ArgumentException>());

        var noop = h.Client.NoopAsync();
        var command = await h.Server.ReadCommandAsync();
        Assert.That(command.Text, Is.EqualTo("NOOP"), "nothing was sent before");
        await h.Server.SendAsync($"{command.Tag} OK\r\n");
        await noop.WaitAsync(Wait);
    }
}
