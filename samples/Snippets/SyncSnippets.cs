using Imap;

namespace Snippets;

/// <summary>The code of docs/sync.md.</summary>
public static class SyncSnippets
{
    public static async Task SyncAsync(ImapClient client, string stateFile)
    {
        #region sync
        MailboxSyncState? saved = File.Exists(stateFile) ? MailboxSyncState.FromJson(await File.ReadAllTextAsync(stateFile)) : null;
        SyncResult changes = await client.SyncAsync("INBOX", saved);

        if (changes.UidValidityChanged)
            Console.WriteLine("UIDVALIDITY changed (or first run): drop the local copy; every message is new");
        foreach (Uid gone in changes.Vanished)
            Console.WriteLine($"delete local {gone}");
        foreach (MessageSummary changed in changes.FlagChanges)
            Console.WriteLine($"flags of {changed.Uid} are now {changed.Flags}");
        await foreach (MessageSummary added in changes.FetchNewAsync(FetchItems.Flags | FetchItems.Envelope))
            Console.WriteLine($"new {added.Uid}: {added.Envelope?.Subject}");

        // Only once the changes are applied locally:
        await File.WriteAllTextAsync(stateFile, changes.NextState.ToJson());
        #endregion
    }

    public static async Task FetchChangesAsync(SelectedMailbox inbox, UidSet held, ulong savedModSeq)
    {
        #region fetch-changes
        var request = new FetchRequest(FetchItems.Flags) { ChangedSince = savedModSeq, IncludeVanished = true };
        FetchChangesResult changes = await inbox.FetchChangesAsync(held, request);
        foreach (Uid gone in changes.Vanished)
            Console.WriteLine($"delete local {gone}");
        foreach (MessageSummary changed in changes.Changed)
            Console.WriteLine($"flags of {changed.Uid} are now {changed.Flags} (MODSEQ {changed.ModSeq})");
        #endregion
    }

    public static ImapClientOptions QResyncOptions()
    {
        #region sync-options
        var options = new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.Password("alice", "secret"),
            EnableExtensions = ["IMAP4rev2", "UTF8=ACCEPT", "QRESYNC"],   // QRESYNC where offered: one round trip
        };
        #endregion
        return options;
    }

    public static async Task EventsAsync(ImapClient client, CancellationToken stop)
    {
        #region events
        await foreach (MailboxEvent change in client.ReadEventsAsync(stop))
        {
            switch (change)
            {
                case MessageCountChanged count: Console.WriteLine($"{count.Count} messages"); break;
                case MessageExpunged expunged: Console.WriteLine($"#{expunged.SequenceNumber} expunged"); break;
                case MessageFlagsChanged flags: Console.WriteLine($"#{flags.SequenceNumber} now {flags.Flags}"); break;
                case EventsDropped: Console.WriteLine("fell behind: resynchronise with SyncAsync"); break;
            }
        }
        #endregion
    }
}
