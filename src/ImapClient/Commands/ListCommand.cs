using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// LIST (RFC 9051 §6.3.9), with the LIST-EXTENDED syntax (RFC 5258) when a selection option, a return option, STATUS
/// (RFC 5819) or several patterns are asked for: <c>LIST (sel) ref (pat ...) RETURN (opts)</c>. LIST responses carry
/// nothing tying them to their command, so LIST collects them as an exclusive kind: only one LIST is in flight at a
/// time.
/// </summary>
/// <remarks>
/// The STATUS responses of LIST-STATUS are matched by mailbox name, as a STATUS command's are, and a STATUS command for
/// the same mailbox may be in flight beside this LIST. This command takes a STATUS response only for a mailbox it has
/// already listed (RFC 5819 §2 sends it after the LIST response), only once per mailbox, and only when it carries exactly
/// the items this LIST asked for; the STATUS command does the same with its own items. Another answer for a listed
/// mailbox is left to the STATUS command but remembered, for servers that add or drop items. When both ask for the
/// same items, the two answers are interchangeable.
/// </remarks>
internal sealed class ListCommand : PendingCommand<IReadOnlyList<MailboxInfo>>
{
    private readonly string reference;
    private readonly IReadOnlyList<string> patterns;
    private readonly ListSelectionOptions selection;
    private readonly ListReturnOptions returns;
    private readonly StatusItems status;
    private readonly List<ListResponse> found = [];
    private readonly Dictionary<string, StatusAnswers> statuses = new(StringComparer.Ordinal);

    public ListCommand(string reference, string pattern)
        : this(reference, [pattern], ListSelectionOptions.None, ListReturnOptions.None, StatusItems.None)
    {
    }

    public ListCommand(string reference, IReadOnlyList<string> patterns, ListSelectionOptions selection, ListReturnOptions returns, StatusItems status)
    {
        this.reference = reference;
        this.patterns = patterns;
        this.selection = selection;
        this.returns = returns;
        this.status = status;
    }

    public override string Name => "LIST";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.List;

    /// <summary>An ASCII reference and patterns are the same bytes whether UTF-8 is in force or not.</summary>
    public override bool IsEncodingNeutral => ModifiedUtf7.IsSameInUtf8(reference) && patterns.All(ModifiedUtf7.IsSameInUtf8);

    public override bool IsSelectionIndependent => true;

    /// <summary>Whether the command needs the RFC 5258 syntax.</summary>
    public bool IsExtended => selection != ListSelectionOptions.None || returns != ListReturnOptions.None || status != StatusItems.None || patterns.Count != 1;

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("LIST"u8);
        if (selection != ListSelectionOptions.None)
        {
            // list-select-opts = "(" [...] ")"
            writer.WriteSpace();
            writer.BeginList();
            WriteOptions(writer, [
                ((selection & ListSelectionOptions.Subscribed) != 0, "SUBSCRIBED"u8.ToArray()),
                ((selection & ListSelectionOptions.Remote) != 0, "REMOTE"u8.ToArray()),
                ((selection & ListSelectionOptions.RecursiveMatch) != 0, "RECURSIVEMATCH"u8.ToArray()),
                ((selection & ListSelectionOptions.SpecialUse) != 0, "SPECIAL-USE"u8.ToArray()),
            ]);
            writer.EndList();
        }

        writer.WriteSpace();
        writer.WriteMailbox(reference);
        writer.WriteSpace();
        if (patterns.Count == 1)
        {
            writer.WriteMailbox(patterns[0]);
        }
        else
        {
            // mbox-or-pat = list-mailbox / patterns; patterns = "(" list-mailbox *(SP list-mailbox) ")"
            writer.BeginList();
            for (int i = 0; i < patterns.Count; i++)
            {
                if (i != 0)
                {
                    writer.WriteSpace();
                }

                writer.WriteMailbox(patterns[i]);
            }

            writer.EndList();
        }

        if (returns != ListReturnOptions.None || status != StatusItems.None)
        {
            // list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"
            writer.WriteSpace();
            writer.WriteAtom("RETURN"u8);
            writer.WriteSpace();
            writer.BeginList();
            bool any = WriteOptions(writer, [
                ((returns & ListReturnOptions.Subscribed) != 0, "SUBSCRIBED"u8.ToArray()),
                ((returns & ListReturnOptions.Children) != 0, "CHILDREN"u8.ToArray()),
                ((returns & ListReturnOptions.SpecialUse) != 0, "SPECIAL-USE"u8.ToArray()),
            ]);
            if (status != StatusItems.None)
            {
                // status-option = "STATUS" SP "(" status-att *(SP status-att) ")" (RFC 5819 §4)
                if (any)
                {
                    writer.WriteSpace();
                }

                writer.WriteAtom("STATUS"u8);
                writer.WriteSpace();
                ListStatusItems.Write(writer, status);
            }

            writer.EndList();
        }
    }

    /// <summary>With RETURN (STATUS ...) (RFC 5819), a STATUS thrown away for a limit may be one of this listing's too.</summary>
    public override bool MayOwn(DroppedResponse dropped) =>
        base.MayOwn(dropped) || (status != StatusItems.None && dropped.Name == "STATUS");

    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case ListResponse { IsLsub: false } list:
                found.Add(list);
                if (status != StatusItems.None)
                {
                    statuses.TryAdd(ListStatusItems.KeyOf(list.Mailbox), default);
                }

                return true;
            case MailboxStatusResponse answer when status != StatusItems.None:
                string key = ListStatusItems.KeyOf(answer.Mailbox);
                if (!statuses.TryGetValue(key, out var known) || known.Exact is not null)
                {
                    return false;
                }

                if (ListStatusItems.Carried(answer) != status)
                {
                    // Perhaps a concurrent STATUS command's answer: leave it to that command, but keep it in case the
                    // server simply added or dropped items.
                    statuses[key] = known with { Fallback = known.Fallback ?? answer };
                    return false;
                }

                statuses[key] = known with { Exact = answer };
                return true;
            default:
                return false;
        }
    }

    protected override IReadOnlyList<MailboxInfo> GetResult(TaggedResponse tagged)
    {
        var result = new MailboxInfo[found.Count];
        for (int i = 0; i < found.Count; i++)
        {
            var list = found[i];
            MailboxStatus? mailboxStatus = null;
            var answers = statuses.GetValueOrDefault(ListStatusItems.KeyOf(list.Mailbox));
            if ((answers.Exact ?? answers.Fallback) is { } s)
            {
                mailboxStatus = ListStatusItems.ToMailboxStatus(list.Mailbox.Name, s);
            }

            result[i] = new MailboxInfo(list.Mailbox.Name, list.Delimiter, list.Attributes, list.ChildInfo, list.OldName?.Name, mailboxStatus);
        }

        return result;
    }

    private static bool WriteOptions(CommandWriter writer, ReadOnlySpan<(bool Wanted, byte[] Atom)> options)
    {
        bool first = true;
        foreach (var (wanted, atom) in options)
        {
            if (!wanted)
            {
                continue;
            }

            if (!first)
            {
                writer.WriteSpace();
            }

            writer.WriteAtom(atom);
            first = false;
        }

        return !first;
    }

    private readonly record struct StatusAnswers(MailboxStatusResponse? Exact, MailboxStatusResponse? Fallback);
}
