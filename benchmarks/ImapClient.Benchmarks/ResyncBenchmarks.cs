using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MailKit;
using MailKitOrder = MailKit.Search.SortOrder;
using MailKitQuery = MailKit.Search.SearchQuery;

namespace Imap.Benchmarks;

/// <summary>
/// Resynchronising Dovecot's 20,000-message INBOX through the 10 ms round trip after another connection flagged 100
/// messages and expunged 50: <c>SyncAsync</c> with each strategy (QRESYNC, CONDSTORE, plain IMAP), and MailKit doing the
/// same by hand (its QRESYNC open with the saved state; CONDSTORE's FETCH CHANGEDSINCE and SEARCH ALL; plain SEARCH ALL
/// and the flags of every known message). Each iteration applies a fresh set of changes in its setup, so every
/// measured sync has the same work. Besides time and allocation, each iteration prints the bytes the proxy passed each
/// way and the client's turns (writes after the server had spoken: the round trips), as lines starting "WIRE".
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResyncBenchmarks : LiveBenchmark
{
    private const int Messages = 20_000;
    private const int FlagChanges = 100;
    private const int Expunges = 50;
    private static readonly string[] QResync = ["QRESYNC"];
    private ImapClient other = null!;
    private MailboxSyncState state = null!;
    private MailKitState mailKitState = null!;
    private int iteration;
    private (long Down, long Up, long Turns) before;
    private string running = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await StartAsync(Messages);
        await Client.EnableAsync(QResync);
        await MailKit.EnableQuickResyncAsync();
        other = await Server.ConnectImapClientAsync(direct: true);

        // The first sync of each client: every message is new; from then on each measured sync saves what the next needs.
        var first = await Client.SyncAsync("INBOX", null);
        state = first.NextState;
        await first.Mailbox.UnselectAsync();
        var inbox = MailKit.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        mailKitState = new MailKitState(inbox.UidValidity, inbox.HighestModSeq, new UniqueIdSet(await inbox.SearchAsync(MailKitQuery.All), MailKitOrder.Ascending));
        await inbox.CloseAsync(false);
    }

    /// <summary>Leaves the mailbox on both clients, then another connection flags 100 messages and expunges 50.</summary>
    [IterationSetup]
    public void ChangeMailbox() => ChangeMailboxAsync().GetAwaiter().GetResult();

    [IterationCleanup]
    public void ReportWire()
    {
        var proxy = Server.Proxy;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WIRE {running}: received {proxy.BytesToClient - before.Down} B, sent {proxy.BytesToServer - before.Up} B, turns {proxy.ClientTurns - before.Turns}"));
    }

    [Benchmark(Description = "ImapClient SyncAsync, QRESYNC")]
    public Task<long> QResyncSync() => SyncAsync(SyncStrategy.QResync);

    [Benchmark(Description = "ImapClient SyncAsync, CONDSTORE")]
    public Task<long> CondStoreSync() => SyncAsync(SyncStrategy.CondStore);

    [Benchmark(Description = "ImapClient SyncAsync, plain")]
    public Task<long> PlainSync() => SyncAsync(SyncStrategy.Plain);

    [Benchmark(Baseline = true, Description = "MailKit, QRESYNC open")]
    public async Task<long> MailKitQResync()
    {
        running = "MailKit QRESYNC";
        var inbox = MailKit.Inbox;
        var vanished = new UniqueIdSet(MailKitOrder.Ascending);
        long changed = 0;
        void OnVanished(object? sender, MessagesVanishedEventArgs e) => vanished.AddRange(e.UniqueIds);
        void OnFlags(object? sender, MessageFlagsChangedEventArgs e) => changed++;
        inbox.MessagesVanished += OnVanished;
        inbox.MessageFlagsChanged += OnFlags;
        try
        {
            var saved = mailKitState;
            await inbox.OpenAsync(FolderAccess.ReadWrite, saved.UidValidity, saved.HighestModSeq, saved.Known);

            // As SyncAsync does: ask for UIDs above the known ones only when the count says some were not named.
            var known = new UniqueIdSet(saved.Known.Except(vanished), MailKitOrder.Ascending);
            if (inbox.Count > known.Count)
            {
                var above = await inbox.SearchAsync(MailKitQuery.Uids(new UniqueIdRange(new UniqueId(known.Max().Id + 1), UniqueId.MaxValue)));
                known.AddRange(above.Except(known));
            }

            mailKitState = new MailKitState(inbox.UidValidity, inbox.HighestModSeq, known);
            return vanished.Count + changed;
        }
        finally
        {
            inbox.MessagesVanished -= OnVanished;
            inbox.MessageFlagsChanged -= OnFlags;
        }
    }

    [Benchmark(Description = "MailKit, CONDSTORE fetch + search")]
    public async Task<long> MailKitCondStore()
    {
        running = "MailKit CONDSTORE";
        var inbox = MailKit.Inbox;
        var saved = mailKitState;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        var changed = await inbox.FetchAsync(saved.Known, saved.HighestModSeq, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.ModSeq);
        var current = new UniqueIdSet(await inbox.SearchAsync(MailKitQuery.All), MailKitOrder.Ascending);
        long vanished = saved.Known.Count(uid => !current.Contains(uid));
        mailKitState = new MailKitState(inbox.UidValidity, inbox.HighestModSeq, current);
        return vanished + changed.Count;
    }

    [Benchmark(Description = "MailKit, plain search + flags")]
    public async Task<long> MailKitPlain()
    {
        running = "MailKit plain";
        var inbox = MailKit.Inbox;
        var saved = mailKitState;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        var current = new UniqueIdSet(await inbox.SearchAsync(MailKitQuery.All), MailKitOrder.Ascending);
        var stillKnown = new UniqueIdSet(saved.Known.Where(current.Contains), MailKitOrder.Ascending);
        var flags = await inbox.FetchAsync(stillKnown, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
        mailKitState = new MailKitState(inbox.UidValidity, inbox.HighestModSeq, current);
        return saved.Known.Count - stillKnown.Count + flags.Count;
    }

    private async Task<long> SyncAsync(SyncStrategy strategy)
    {
        running = "ImapClient " + strategy;
        var result = await Client.SyncAsync("INBOX", state, strategy);
        state = result.NextState;
        return result.Vanished.Count + result.FlagChanges.Count;
    }

    private async Task ChangeMailboxAsync()
    {
        if (Client.Selected is { } selected)
        {
            await selected.UnselectAsync();
        }

        if (MailKit.Inbox.IsOpen)
        {
            await MailKit.Inbox.CloseAsync(false);
        }

        // 150 UIDs spread over the mailbox: the first 100 get this iteration's keyword, the other 50 are expunged.
        iteration++;
        var box = await other.SelectAsync("INBOX");
        var all = (await box.SearchAsync(SearchQuery.All)).Select(u => u.Value).ToArray();
        var random = new Random(iteration);
        var picked = all.OrderBy(_ => random.Next()).Take(FlagChanges + Expunges).ToArray();
        await box.AddFlagsAsync(UidSet.Create(picked.Take(FlagChanges).Select(u => new Uid(u))), MessageFlag.Keyword("$Bench" + iteration.ToString(CultureInfo.InvariantCulture)));
        await box.AddFlagsAsync(UidSet.Create(picked.Skip(FlagChanges).Select(u => new Uid(u))), MessageFlag.Deleted);
        await box.ExpungeAsync();
        await box.UnselectAsync();
        var proxy = Server.Proxy;
        before = (proxy.BytesToClient, proxy.BytesToServer, proxy.ClientTurns);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            other?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private sealed record MailKitState(uint UidValidity, ulong HighestModSeq, UniqueIdSet Known);
}
