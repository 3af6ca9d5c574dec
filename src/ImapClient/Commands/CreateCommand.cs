using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// CREATE (RFC 9051 §6.3.4), with the USE parameter of CREATE-SPECIAL-USE (RFC 6154 §3) when special uses are given:
/// <c>CREATE name (USE (\Sent))</c>.
/// </summary>
internal sealed class CreateCommand(string mailbox, MailboxAttributes specialUses) : PendingCommand<bool>
{
    public override string Name => "CREATE";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("CREATE"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        if (specialUses == MailboxAttributes.None)
        {
            return;
        }

        // create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")", inside RFC 4466's "(" create-param ... ")"
        writer.WriteSpace();
        writer.BeginList();
        writer.WriteAtom("USE"u8);
        writer.WriteSpace();
        writer.WriteFlagList(MailboxAttributeNames.Split(specialUses).Select(MailboxAttributeNames.NameOf));
        writer.EndList();
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
