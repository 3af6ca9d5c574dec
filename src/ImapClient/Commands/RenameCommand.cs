using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// RENAME (RFC 9051 §6.3.6). Renaming INBOX moves its messages to the new mailbox and leaves INBOX empty, so it may
/// cause EXPUNGE responses when INBOX is selected: then it waits for commands that use sequence numbers.
/// </summary>
internal sealed class RenameCommand(string mailbox, string newName) : PendingCommand<bool>
{
    public override string Name => "RENAME";

    public override CommandTraits Traits =>
        mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? CommandTraits.MayExpunge : CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("RENAME"u8);
        writer.WriteSpace();
        writer.WriteMailbox(mailbox);
        writer.WriteSpace();
        writer.WriteMailbox(newName);
    }

    protected override bool GetResult(TaggedResponse tagged) => true;
}
