namespace Imap.IntegrationTests;

/// <summary>IDLE against Dovecot: a change made on another connection arrives as an event.</summary>
[TestFixture]
public sealed class IdleTests
{
    [Test]
    [Category(TestTarget.ServerNeutral)]
    public async Task A_flag_change_by_another_connection_arrives_while_idle()
    {
        await using var watcher = await ClientFactory.LoginAsync();
        await using var writer = await ClientFactory.LoginAsync();
        await watcher.SelectAsync("INBOX");
        await writer.SelectAsync("INBOX");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var idle = watcher.IdleAsync(stop.Token);
        await Task.Delay(300);
        var store = await writer.ExecuteAsync(new ImapCommand("UID") { Traits = CommandTraits.RequiresSelected | CommandTraits.WritesFlags }
            .Atom("STORE").Set(UidSet.Create(new Uid(7))).Atom("+FLAGS.SILENT").FlagList(MessageFlag.Keyword("$IdleTest")));
        Assert.That(store.Status, Is.EqualTo(ImapStatus.Ok));

        MessageFlagsChanged? change = null;
        await foreach (var e in watcher.ReadEventsAsync(stop.Token))
        {
            if (e is MessageFlagsChanged flags)
            {
                change = flags;
                break;
            }
        }

        await stop.CancelAsync();
        Assert.That(() => idle, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(change!.Flags.Contains(MessageFlag.Keyword("$IdleTest")), Is.True);
        Assert.That(watcher.IsConnected, Is.True);
        await watcher.NoopAsync();
    }
}
