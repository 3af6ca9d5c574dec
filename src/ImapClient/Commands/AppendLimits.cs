using System.Collections.Concurrent;
using System.Globalization;

namespace Imap.Commands;

/// <summary>
/// What the server said about the largest message it accepts (RFC 7889): <c>APPENDLIMIT=n</c> among the capabilities
/// for every mailbox, and the STATUS or LIST-STATUS APPENDLIMIT of each mailbox it was asked about (NIL: none). A
/// mailbox's own limit wins over the capability's. Checked before an append sends anything. Limits are octets, a
/// <c>number64</c> (0 to <see cref="long.MaxValue"/>); NIL is kept as <see cref="long.MaxValue"/>.
/// </summary>
internal sealed class AppendLimits
{
    // Made on first use: most connections never learn a mailbox's limit, and an idle one should not pay for the table.
    private ConcurrentDictionary<string, long>? byMailbox;

    /// <summary>
    /// The limit from the capabilities: <c>APPENDLIMIT=n</c>, or null (none, or per mailbox only). A number past
    /// <see cref="long.MaxValue"/> is no limit either: no message can be that large.
    /// </summary>
    public static long? FromCapabilities(IReadOnlySet<string> capabilities)
    {
        const string Prefix = "APPENDLIMIT=";
        foreach (string capability in capabilities)
        {
            if (capability.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(capability.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long limit))
            {
                return limit == long.MaxValue ? null : limit;
            }
        }

        return null;
    }

    /// <summary>Remembers a mailbox's APPENDLIMIT when the status holds one.</summary>
    public void Remember(MailboxStatus? status)
    {
        if (status?.AppendLimit is { } limit)
        {
            var table = Volatile.Read(ref byMailbox)
                ?? Interlocked.CompareExchange(ref byMailbox, new(StringComparer.Ordinal), null)
                ?? byMailbox;
            table[Key(status.Name)] = limit;
        }
    }

    /// <summary>The limit for <paramref name="mailbox"/>, or null when none is known.</summary>
    public long? For(string mailbox, IReadOnlySet<string> capabilities) =>
        Volatile.Read(ref byMailbox) is { } table && table.TryGetValue(Key(mailbox), out long limit)
            ? (limit == long.MaxValue ? null : limit)
            : FromCapabilities(capabilities);

    /// <summary>Throws <see cref="ImapMessageTooLargeException"/> when <paramref name="size"/> exceeds the known limit.</summary>
    public void Check(string command, string mailbox, long size, IReadOnlySet<string> capabilities)
    {
        if (For(mailbox, capabilities) is { } limit && size > limit)
        {
            throw new ImapMessageTooLargeException(command, mailbox, size, limit, null, string.Empty);
        }
    }

    private static string Key(string mailbox) => mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : mailbox;
}
