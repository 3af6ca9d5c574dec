using MailKit;

namespace Imap.Benchmarks;

/// <summary>
/// One pass of the summaries workload for each client, reduced to a checksum over every field so that both do the same
/// work; shared by <see cref="SummaryBenchmarks"/> and the cold-process run.
/// </summary>
public static class SummaryWork
{
    public const MessageSummaryItems MailKitItems =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate |
        MessageSummaryItems.Size | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure;

    public static async Task<long> ImapClientAsync(SelectedMailbox inbox)
    {
        long sum = 0;
        await foreach (var message in inbox.FetchAsync(UidSet.All, FetchItems.Summary))
        {
            sum += message.Uid.Value + (message.Size ?? 0) + (message.Flags?.Count ?? 0);
            sum += message.InternalDate?.Ticks % 1000 ?? 0;
            sum += message.Envelope?.Subject?.Length ?? 0;
            sum += message.Envelope?.From.Count ?? 0;
            sum += (message.Body?.MediaType.Length ?? 0) + (message.Body?.MediaSubtype.Length ?? 0);
        }

        return sum;
    }

    public static async Task<long> MailKitAsync(IMailFolder inbox)
    {
        long sum = 0;
        foreach (var message in await inbox.FetchAsync(0, -1, MailKitItems))
        {
            sum += message.UniqueId.Id + (message.Size ?? 0) + CountFlags(message.Flags ?? MessageFlags.None) + message.Keywords.Count;
            sum += message.InternalDate?.Ticks % 1000 ?? 0;
            sum += message.Envelope?.Subject?.Length ?? 0;
            sum += message.Envelope?.From.Count ?? 0;
            sum += (message.Body?.ContentType.MediaType.Length ?? 0) + (message.Body?.ContentType.MediaSubtype.Length ?? 0);
        }

        return sum;
    }

    private static int CountFlags(MessageFlags flags) => System.Numerics.BitOperations.PopCount((uint)(flags & ~MessageFlags.UserDefined));
}
