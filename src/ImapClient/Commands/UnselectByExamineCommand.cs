using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// Leaves a read-write mailbox without expunging when the server has no UNSELECT: EXAMINE of a mailbox that does not
/// exist. The server deselects the current mailbox before it tries the new one, without expunging, and a SELECT or
/// EXAMINE that fails leaves no mailbox selected (RFC 3501 §6.3.1, RFC 9051 §6.3.2). CLOSE would expunge, so it is
/// never used for this.
/// </summary>
/// <remarks>
/// The expected answer is NO, which here means success. Should a mailbox of that name exist after all, the OK leaves
/// it selected read-only, where nothing can be expunged and no object of this client refers to it: still safe. BAD
/// means the server may not have acted on the command, and is reported as a failure.
/// </remarks>
internal sealed class UnselectByExamineCommand(MailboxSelection mailbox, Action deselect, string probe) : PendingCommand<bool>
{
    public override string Name => "EXAMINE";

    public override CommandTraits Traits => CommandTraits.Barrier | CommandTraits.RequiresSelected;

    protected override bool CompletesOnFailure => true;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("EXAMINE"u8);
        writer.WriteSpace();
        writer.WriteMailbox(probe);
    }

    public override Exception? OnSending() => mailbox.Leave(deselect);

    /// <summary>
    /// Takes what the server says about the selection change ([CLOSED], and the data of the probe should it open), so
    /// that none of it is taken for news about the mailbox that was left.
    /// </summary>
    public override bool TryClaim(ImapResponse response) => response switch
    {
        StatusResponse { Status: ResponseStatus.Ok or ResponseStatus.No, Code: not null } => true,
        FlagsResponse or MessageNumberResponse or ListResponse => true,
        _ => false,
    };

    protected override bool GetResult(TaggedResponse tagged) => tagged.Status switch
    {
        ResponseStatus.No => true,
        ResponseStatus.Ok => false,
        _ => throw new ImapCommandException("UNSELECT (by EXAMINE)", ImapStatus.Bad, tagged.Code, tagged.Text),
    };
}
