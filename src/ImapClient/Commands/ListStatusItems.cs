using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// STATUS items as LIST-STATUS (RFC 5819) and STATUS (RFC 9051 §6.3.11) use them: writing the item list, telling which
/// items a STATUS response carries (to tell apart the answers of commands in flight together), and the public result.
/// </summary>
internal static class ListStatusItems
{
    private static readonly (StatusItems Item, byte[] Atom)[] Atoms =
    [
        (StatusItems.Messages, "MESSAGES"u8.ToArray()),
        (StatusItems.UidNext, "UIDNEXT"u8.ToArray()),
        (StatusItems.UidValidity, "UIDVALIDITY"u8.ToArray()),
        (StatusItems.Unseen, "UNSEEN"u8.ToArray()),
        (StatusItems.Recent, "RECENT"u8.ToArray()),
        (StatusItems.Deleted, "DELETED"u8.ToArray()),
        (StatusItems.Size, "SIZE"u8.ToArray()),
        (StatusItems.HighestModSeq, "HIGHESTMODSEQ"u8.ToArray()),
        (StatusItems.AppendLimit, "APPENDLIMIT"u8.ToArray()),
        (StatusItems.MailboxId, "MAILBOXID"u8.ToArray()),
    ];

    /// <summary>Every item this library can ask for.</summary>
    public const StatusItems Known = StatusItems.Messages | StatusItems.UidNext | StatusItems.UidValidity | StatusItems.Unseen
        | StatusItems.Recent | StatusItems.Deleted | StatusItems.Size | StatusItems.HighestModSeq | StatusItems.AppendLimit
        | StatusItems.MailboxId;

    /// <summary>Writes <c>"(" status-att *(SP status-att) ")"</c>.</summary>
    public static void Write(CommandWriter writer, StatusItems items)
    {
        writer.BeginList();
        bool first = true;
        foreach (var (item, atom) in Atoms)
        {
            if ((items & item) != 0)
            {
                if (!first)
                {
                    writer.WriteSpace();
                }

                writer.WriteAtom(atom);
                first = false;
            }
        }

        writer.EndList();
    }

    /// <summary>The items a STATUS response carries.</summary>
    public static StatusItems Carried(MailboxStatusResponse s)
    {
        var items = StatusItems.None;
        items |= s.Messages is null ? 0 : StatusItems.Messages;
        items |= s.UidNext is null ? 0 : StatusItems.UidNext;
        items |= s.UidValidity is null ? 0 : StatusItems.UidValidity;
        items |= s.Unseen is null ? 0 : StatusItems.Unseen;
        items |= s.Recent is null ? 0 : StatusItems.Recent;
        items |= s.Deleted is null ? 0 : StatusItems.Deleted;
        items |= s.Size is null ? 0 : StatusItems.Size;
        items |= s.HighestModSeq is null ? 0 : StatusItems.HighestModSeq;
        items |= s.AppendLimit is null ? 0 : StatusItems.AppendLimit;
        items |= s.MailboxId is null ? 0 : StatusItems.MailboxId;
        return items;
    }

    /// <summary>Whether the response carries nothing but items from <paramref name="requested"/>.</summary>
    public static bool IsAnswerTo(MailboxStatusResponse s, StatusItems requested) => (Carried(s) & ~requested) == 0;

    /// <summary>The public form of a STATUS response.</summary>
    public static MailboxStatus ToMailboxStatus(string name, MailboxStatusResponse s) => new(name)
    {
        Messages = s.Messages,
        UidNext = s.UidNext,
        UidValidity = s.UidValidity,
        Unseen = s.Unseen,
        Recent = s.Recent,
        Deleted = s.Deleted,
        Size = s.Size,
        HighestModSeq = s.HighestModSeq,
        AppendLimit = s.AppendLimit,
        MailboxId = s.MailboxId,
    };

    /// <summary>
    /// The identity of a mailbox name on the wire, for matching a STATUS to its LIST: the exact bytes, except that
    /// INBOX is case-insensitive (RFC 9051 §5.1).
    /// </summary>
    public static string KeyOf(MailboxName name) =>
        name.Wire.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(name.Wire, "INBOX"u8)
            ? "INBOX"
            : System.Text.Encoding.Latin1.GetString(name.Wire);
}
