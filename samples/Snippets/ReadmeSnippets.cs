using Imap;

namespace Snippets;

/// <summary>The README's example.</summary>
public static class ReadmeSnippets
{
    public static async Task ExampleAsync()
    {
        #region readme-example
        await using var client = await ImapClient.ConnectAsync(new ImapClientOptions
        {
            Host = "imap.example.com",
            Credentials = ImapCredentials.Password("alice", "secret"),   // SCRAM when offered; or ImapCredentials.OAuth2(...)
        });

        // Every mailbox with its counts, in one round trip (LIST-STATUS, or pipelined STATUS where the server lacks it).
        foreach (var mailbox in await client.ListMailboxesAsync(new MailboxListOptions { Status = StatusItems.Messages | StatusItems.Unseen }))
            Console.WriteLine($"{mailbox.Name}: {mailbox.Status?.Messages} messages, {mailbox.Status?.Unseen} unseen");

        SelectedMailbox inbox = await client.SelectAsync("INBOX");

        // The last ten messages, by sequence number, with what a message list shows.
        await foreach (MessageSummary m in inbox.FetchBySequenceAsync(inbox.Newest(10), FetchItems.Envelope | FetchItems.Flags))
            Console.WriteLine($"{(m.HasFlag(MessageFlag.Seen) ? ' ' : '*')} {m.Uid} {m.Envelope?.Subject}");

        // Mark one read, move another to the archive (MOVE, or COPY + STORE + UID EXPUNGE where the server lacks it).
        await inbox.AddFlagsAsync(UidSet.Create(new Uid(42)), MessageFlag.Seen);
        UidMap moved = await inbox.MoveAsync(UidSet.Create(new Uid(43)), "Archive");

        // Many tasks, one connection: these are pipelined.
        Uid[] uids = [new(40), new(41)];
        byte[][] bodies = await Task.WhenAll(uids.Select(uid => inbox.FetchBodyBytesAsync(uid)));
        #endregion
        Console.WriteLine($"{moved.Count} moved, {bodies.Length} bodies");
    }
}
