using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// NOTIFY SET or NOTIFY NONE (RFC 5465 §3). It claims nothing: what the server reports afterwards (and the STATUS
/// answers of NOTIFY SET STATUS, sent before its completion) is unsolicited and becomes events. A barrier, so that
/// the change of what is reported falls between commands.
/// </summary>
internal sealed class NotifyCommand(IReadOnlyList<NotifyEventGroup>? groups, bool status) : PendingCommand<bool>
{
    public override string Name => "NOTIFY";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("NOTIFY"u8);
        if (groups is null)
        {
            writer.WriteRaw(" NONE"u8);
            return;
        }

        writer.WriteRaw(status ? " SET STATUS"u8 : " SET"u8);
        foreach (var group in groups)
        {
            writer.WriteRaw(" ("u8);
            WriteFilter(writer, group.Filter);
            writer.WriteSpace();
            WriteEvents(writer, group);
            writer.WriteRaw(")"u8);
        }
    }

    protected override bool GetResult(TaggedResponse tagged) => true;

    private static void WriteFilter(CommandWriter writer, NotifyFilter filter)
    {
        writer.WriteAtom(filter.Kind switch
        {
            NotifyFilterKind.Selected => "SELECTED"u8,
            NotifyFilterKind.SelectedDelayed => "SELECTED-DELAYED"u8,
            NotifyFilterKind.Inboxes => "INBOXES"u8,
            NotifyFilterKind.Personal => "PERSONAL"u8,
            NotifyFilterKind.Subscribed => "SUBSCRIBED"u8,
            NotifyFilterKind.Subtree => "SUBTREE"u8,
            _ => "MAILBOXES"u8,
        });
        var names = filter.MailboxNames;
        if (names.Count == 0)
        {
            return;
        }

        writer.WriteSpace();
        if (names.Count == 1)
        {
            writer.WriteMailbox(names[0]);
            return;
        }

        writer.WriteRaw("("u8);
        for (int i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                writer.WriteSpace();
            }

            writer.WriteMailbox(names[i]);
        }

        writer.WriteRaw(")"u8);
    }

    private static void WriteEvents(CommandWriter writer, NotifyEventGroup group)
    {
        if (group.Events == NotifyEvents.None)
        {
            writer.WriteAtom("NONE"u8);
            return;
        }

        writer.WriteRaw("("u8);
        bool first = true;
        foreach (var (flag, name) in Names)
        {
            if ((group.Events & flag) == 0)
            {
                continue;
            }

            if (!first)
            {
                writer.WriteSpace();
            }

            writer.WriteAtom(name);
            first = false;
            if (flag == NotifyEvents.MessageNew && group.MessageNewFetch is { } fetch)
            {
                writer.WriteSpace();
                FetchSyntax.WriteItems(writer, fetch);
            }
        }

        writer.WriteRaw(")"u8);
    }

    /// <summary>The event names of RFC 5465 §5, in the order they are written.</summary>
    private static readonly (NotifyEvents Flag, byte[] Name)[] Names =
    [
        (NotifyEvents.MessageNew, "MessageNew"u8.ToArray()),
        (NotifyEvents.MessageExpunge, "MessageExpunge"u8.ToArray()),
        (NotifyEvents.FlagChange, "FlagChange"u8.ToArray()),
        (NotifyEvents.AnnotationChange, "AnnotationChange"u8.ToArray()),
        (NotifyEvents.MailboxName, "MailboxName"u8.ToArray()),
        (NotifyEvents.SubscriptionChange, "SubscriptionChange"u8.ToArray()),
        (NotifyEvents.MailboxMetadataChange, "MailboxMetadataChange"u8.ToArray()),
        (NotifyEvents.ServerMetadataChange, "ServerMetadataChange"u8.ToArray()),
    ];
}
