using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// STATUS (RFC 9051 §6.3.11). Its STATUS response is recognised by mailbox name, so any number of STATUS commands
/// pipeline and each gets its own answer whatever order the server sends them in. Pooled (<see cref="Rent"/>): an
/// application that polls its mailboxes allocates no command object per STATUS.
/// </summary>
internal sealed class StatusCommand : ReusableCommand<StatusCommand, MailboxStatus>
{
    private string mailbox = string.Empty;
    private StatusItems items;
    private AppendLimits? appendLimits;
    private byte[] wireName = [];
    private MailboxStatusResponse? status;
    private MailboxStatusResponse? fallback;

    /// <summary>A STATUS of <paramref name="mailbox"/> for <paramref name="items"/>, from the pool or new.</summary>
    /// <param name="mailbox">The mailbox, as the caller names it.</param>
    /// <param name="items">The items to ask for.</param>
    /// <param name="appendLimits">Where an APPENDLIMIT in the answer is remembered for later APPENDs, if anywhere.</param>
    public static StatusCommand Rent(string mailbox, StatusItems items, AppendLimits? appendLimits = null)
    {
        var command = Rent();
        command.mailbox = mailbox;
        command.items = items;
        command.appendLimits = appendLimits;
        return command;
    }

    public override string Name => "STATUS";

    public override CommandTraits Traits => CommandTraits.None;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("STATUS"u8);
        writer.WriteSpace();
        wireName = writer.WriteMailboxReportingWire(mailbox);
        writer.WriteSpace();
        ListStatusItems.Write(writer, items);
    }

    /// <summary>
    /// A STATUS thrown away for a limit cannot be told apart by name (the name may be what was too long): every STATUS
    /// in flight takes it as possibly its own.
    /// </summary>
    public override bool MayOwn(DroppedResponse dropped) => dropped.Name == "STATUS";

    public override bool TryClaim(ImapResponse response)
    {
        if (status is not null || response is not MailboxStatusResponse candidate || !SameName(candidate.Mailbox.Wire))
        {
            return false;
        }

        // A LIST with RETURN (STATUS ...) in flight may be waiting for a STATUS of the same mailbox (RFC 5819): take
        // only an answer with exactly the items asked for, and keep any other as a fallback for servers that add or
        // drop items, without taking it from the LIST.
        if (ListStatusItems.Carried(candidate) != items)
        {
            fallback ??= candidate;
            return false;
        }

        status = candidate;
        return true;
    }

    protected override MailboxStatus GetResult(TaggedResponse tagged)
    {
        var s = status ?? fallback ?? throw new ImapProtocolException($"The server completed STATUS {mailbox} without a STATUS response.");
        var result = ListStatusItems.ToMailboxStatus(mailbox, s);
        appendLimits?.Remember(result);
        return result;
    }

    protected override void Clear()
    {
        mailbox = string.Empty;
        items = StatusItems.None;
        appendLimits = null;
        wireName = [];
        status = null;
        fallback = null;
    }

    private bool SameName(byte[] wire) =>
        wire.AsSpan().SequenceEqual(wireName)
        || (wireName.Length == 5 && wire.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(wire, wireName) && System.Text.Ascii.EqualsIgnoreCase(wire, "INBOX"u8));
}
