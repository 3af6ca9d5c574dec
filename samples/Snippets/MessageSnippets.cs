using Imap;

namespace Snippets;

/// <summary>The code of docs/messages.md.</summary>
public static class MessageSnippets
{
    public static async Task FetchAsync(SelectedMailbox inbox)
    {
        #region fetch-summaries
        await foreach (MessageSummary message in inbox.FetchAsync(UidSet.All, FetchItems.Summary))
        {
            string from = message.Envelope?.From is { Count: > 0 } senders ? senders[0].ToString() : "(unknown)";
            Console.WriteLine($"{message.Uid} {message.Size,8} {from} {message.Envelope?.Subject}");
            if (message.Size > 10_000_000)
                break;   // leaving early stops the fetch: no further batch is sent, what is in flight is drained
        }
        #endregion

        #region fetch-sections
        var listId = BodySection.HeaderFields("List-Id");
        var request = new FetchRequest(FetchItems.Flags | FetchItems.BodyStructure) { Sections = [listId] };
        foreach (MessageSummary message in await inbox.FetchListAsync(UidSet.Parse("1:100"), request))
        {
            ReadOnlyMemory<byte>? header = message.GetSection(listId);   // "List-Id: ...\r\n\r\n", or null
            BodyPart? firstText = message.Body?.Flatten().FirstOrDefault(p => p.IsMediaType("text", "plain"));
            if (header is { Length: > 2 } && firstText is not null)
            {
                byte[] text = await inbox.FetchBodyBytesAsync(message.Uid, BodySection.Part(firstText));
                Console.WriteLine($"{message.Uid}: {text.Length} bytes of text/plain, still transfer-encoded");
            }
        }
        #endregion
    }

    public static async Task SequenceNumbersAsync(SelectedMailbox inbox)
    {
        #region last-ten
        // Sequence numbers are positions 1..Count; Newest(10) is Count-9:Count (empty in an empty mailbox).
        await foreach (MessageSummary message in inbox.FetchBySequenceAsync(inbox.Newest(10), FetchItems.Envelope))
            Console.WriteLine($"#{message.SequenceNumber} (UID {message.Uid}) {message.Envelope?.Subject}");

        // The same by position, spelt out: the first message and the last one ("*").
        var firstAndLast = SequenceSet.Parse("1,*");
        #endregion
        Console.WriteLine(firstAndLast);
    }

    public static async Task FlagsAsync(SelectedMailbox inbox, UidSet uids, ulong savedModSeq)
    {
        #region flags
        await inbox.AddFlagsAsync(uids, MessageFlag.Seen);                              // +FLAGS.SILENT (\Seen)
        await inbox.RemoveFlagsAsync(uids, MessageFlag.Flagged);                        // -FLAGS.SILENT (\Flagged)
        await inbox.AddFlagsAsync(uids, MessageFlag.Keyword("$Important"));             // keywords are checked when made
        StoreResult result = await inbox.StoreAsync(
            uids,
            FlagChange.Replace(MessageFlag.Seen | MessageFlag.Answered) with { UnchangedSince = savedModSeq });   // CONDSTORE
        Console.WriteLine($"changed meanwhile, left alone: {result.Modified}");
        #endregion
    }

    public static async Task CopyMoveDeleteAsync(ImapClient client, SelectedMailbox inbox, UidSet uids)
    {
        #region copy-move
        try
        {
            UidMap map = await inbox.MoveAsync(uids, "Archive/2026");
            foreach (var (source, destination) in map)
                Console.WriteLine($"{source} is now {destination} in a mailbox with UIDVALIDITY {map.DestinationUidValidity}");
        }
        catch (ImapCommandException e) when (e.Code?.Kind == ResponseCodeKind.TryCreate)
        {
            await client.CreateMailboxAsync("Archive/2026");
            await inbox.MoveAsync(uids, "Archive/2026");
        }
        #endregion

        #region delete
        // Mark, then remove exactly these (UID EXPUNGE); a plain ExpungeAsync() removes every \Deleted message.
        await inbox.AddFlagsAsync(uids, MessageFlag.Deleted);
        ExpungeResult gone = await inbox.ExpungeAsync(uids);
        Console.WriteLine($"{gone.Count} removed; {inbox.Count} left");
        #endregion
    }
}
