using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>
/// The sync helper against Dovecot: while the first client is away, a second one adds, flags and expunges; each
/// strategy's answer, applied to the saved picture, must equal a full refetch.
/// </summary>
[TestFixture]
public sealed class SyncTests
{
    private static readonly string[] QResync = ["QRESYNC"];

    [TestCase(SyncStrategy.QResync)]
    [TestCase(SyncStrategy.CondStore)]
    [TestCase(SyncStrategy.Plain, Category = TestTarget.ServerNeutral)]
    public async Task Each_strategy_tells_exactly_what_a_full_refetch_shows(SyncStrategy strategy)
    {
        await using var client = await ClientFactory.LoginAsync(enable: strategy == SyncStrategy.QResync ? QResync : null);
        await using var other = await ClientFactory.LoginAsync();
        string name = DovecotFixture.Target.Mailbox("Sync-" + Guid.NewGuid().ToString("N")[..12]);
        await client.CreateMailboxAsync(name);
        for (int i = 1; i <= 20; i++)
        {
            await client.AppendAsync(name, Message(name, i));
        }

        // First sync: everything is new; keep the local picture (UID → flags).
        var first = await client.SyncAsync(name, null, strategy);
        Assert.That((first.UidValidityChanged, first.NewUids.Count), Is.EqualTo((true, 20u)));
        var local = (await first.Mailbox.FetchListAsync(first.NewUids, FetchItems.Flags)).ToDictionary(m => m.Uid.Value, m => Names(m.Flags!));
        var saved = MailboxSyncState.FromJson(first.NextState.ToJson());
        await first.Mailbox.UnselectAsync();

        // Meanwhile, on another connection: two new messages, flags on three, four expunged (one of them new).
        var box = await other.SelectAsync(name);
        await other.AppendAsync(name, Message(name, 21));
        await other.AppendAsync(name, Message(name, 22));

        // A session learns of messages appended meanwhile at a command boundary; some servers (Courier) ignore a UID
        // STORE to a message the session was not yet told about.
        await box.NoopAsync();
        await box.AddFlagsAsync(UidSet.Parse("2,7"), MessageFlag.Flagged);
        await box.AddFlagsAsync(UidSet.Parse("9"), MessageFlag.Keyword("$Synced"));
        await box.AddFlagsAsync(UidSet.Parse("3:5,22"), MessageFlag.Deleted);
        await box.ExpungeAsync();
        await box.UnselectAsync();

        var result = await client.SyncAsync(name, saved, strategy);

        Assert.That(result.Strategy, Is.EqualTo(strategy));
        Assert.That(result.UidValidityChanged, Is.False);
        Assert.That(result.Vanished.ToString(), Is.EqualTo("3:5"));
        Assert.That(result.NewUids.ToString(), Is.EqualTo("21"));
        foreach (uint uid in result.Vanished.Select(u => u.Value))
        {
            local.Remove(uid);
        }

        foreach (var change in result.FlagChanges)
        {
            local[change.Uid.Value] = Names(change.Flags!);
        }

        await foreach (var added in result.FetchNewAsync(FetchItems.Flags))
        {
            local[added.Uid.Value] = Names(added.Flags!);
        }

        var truth = (await result.Mailbox.FetchListAsync(UidSet.All, FetchItems.Flags)).ToDictionary(m => m.Uid.Value, m => Names(m.Flags!));
        Assert.That(local, Is.EquivalentTo(truth));
        Assert.That(result.NextState.KnownUids.ToString(), Is.EqualTo(UidSet.Create(truth.Keys).ToString()));
        if (strategy != SyncStrategy.Plain)
        {
            Assert.That(result.FlagChanges.Select(m => m.Uid.Value).Order(), Is.EqualTo(new uint[] { 2, 7, 9 }), "only what changed");
        }

        // Nothing changed since: the next sync reports nothing.
        await result.Mailbox.UnselectAsync();
        var again = await client.SyncAsync(name, result.NextState, strategy);
        Assert.That((again.NewUids.IsEmpty, again.Vanished.IsEmpty), Is.EqualTo((true, true)));
        if (strategy != SyncStrategy.Plain)
        {
            Assert.That(again.FlagChanges, Is.Empty);
        }

        await again.Mailbox.UnselectAsync();
        await client.DeleteMailboxAsync(name);
    }

    private static string Names(FlagSet flags) =>
        string.Join(' ', flags.Except(MessageFlag.Recent).Select(f => f.Name.ToUpperInvariant()).Order(StringComparer.Ordinal));

    private static byte[] Message(string name, int i) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"From: a{i}@example.org\r\nSubject: sync {i}\r\nMessage-ID: <{name}.{i}@example.org>\r\n\r\nbody {i}\r\n"));
}
