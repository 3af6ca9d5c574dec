using Imap.Commands;
using Imap.Protocol.Responses;

namespace Imap;

/// <summary>NOTIFY (RFC 5465): events from several mailboxes on one connection.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// NOTIFY SET (RFC 5465 §3): from now on the server reports the events of <paramref name="groups"/> without being
    /// asked, for the selected mailbox as usual (EXISTS, EXPUNGE, FETCH) and for other mailboxes as STATUS, LIST and
    /// METADATA; they come through <see cref="ReadEventsAsync"/> as <see cref="MailboxStatusChanged"/>,
    /// <see cref="MailboxListChanged"/>, <see cref="MetadataChanged"/> and <see cref="MessageFetched"/>. A later call
    /// replaces the whole set. If the server gives up, <see cref="NotificationsOverflowed"/> says so.
    /// </summary>
    /// <remarks>
    /// A LIST or STATUS command of the application that is in flight when such a response arrives may take it as its
    /// own (the protocol cannot tell them apart); the event is then not raised, but the command's answer is current.
    /// </remarks>
    /// <param name="groups">The event groups; at most one of them for the selected mailbox.</param>
    /// <param name="status">
    /// NOTIFY SET STATUS: the server first sends a STATUS of every watched mailbox (as <see cref="MailboxStatusChanged"/>
    /// events), so that the application starts from a known state.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer NOTIFY.</exception>
    /// <exception cref="ArgumentException">No group, a null one, or more than one for the selected mailbox.</exception>
    /// <exception cref="ImapCommandException">
    /// The server refused: <see cref="ResponseCodeKind.BadEvent"/> names in <see cref="ResponseCode.Atoms"/> the events it
    /// does not support; <see cref="ResponseCodeKind.NotificationOverflow"/> says it cannot watch that many mailboxes.
    /// </exception>
    public Task NotifyAsync(IReadOnlyList<NotifyEventGroup> groups, bool status = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0 || groups.Any(static g => g is null))
        {
            throw new ArgumentException("NOTIFY SET needs one event group or more, none null; to stop notifications, use NotifyNoneAsync.", nameof(groups));
        }

        if (groups.Count(static g => g.Filter.IsSelected) > 1)
        {
            throw new ArgumentException("At most one event group may be for the selected mailbox (SELECTED or SELECTED-DELAYED, RFC 5465 §6).", nameof(groups));
        }

        EnsureNotify();
        return RunAsync(new NotifyCommand([.. groups], status), cancellationToken);
    }

    /// <summary>NOTIFY NONE (RFC 5465 §3): the server stops reporting events for mailboxes other than the selected one.</summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer NOTIFY.</exception>
    public Task NotifyNoneAsync(CancellationToken cancellationToken = default)
    {
        EnsureNotify();
        return RunAsync(new NotifyCommand(null, status: false), cancellationToken);
    }

    /// <summary>The event for an unsolicited response that NOTIFY brings (or any server may send): STATUS, LIST, METADATA, a FETCH with more than flags.</summary>
    private static MailboxEvent? NotificationFor(ImapResponse response) => response switch
    {
        MailboxStatusResponse status => new MailboxStatusChanged(ListStatusItems.ToMailboxStatus(status.Mailbox.Name, status)),
        ListResponse { IsLsub: false } list => new MailboxListChanged(new MailboxInfo(list.Mailbox.Name, list.Delimiter, list.Attributes, list.ChildInfo, list.OldName?.Name, null)),
        MetadataResponse metadata => new MetadataChanged(metadata.Mailbox.Name, [.. metadata.Entries.Select(static e => e.Key)]),
        FetchResponse { Uid: { } uid } fetch when fetch.Envelope is not null || fetch.BodyStructure is not null || fetch.InternalDate is not null
            || fetch.Size is not null || fetch.Preview is not null || fetch.EmailId is not null || fetch.Sections is { Count: > 0 }
            => new MessageFetched(MessageSummary.From(fetch, uid, MessageSummary.NoSections)),
        _ => null,
    };

    /// <summary>The event for an untagged <c>OK [NOTIFICATIONOVERFLOW]</c> (RFC 5465 §5.8), seen before attribution.</summary>
    private static NotificationsOverflowed? OverflowFor(ImapResponse response) =>
        response is StatusResponse { Code.Kind: ResponseCodeKind.NotificationOverflow } overflow ? new NotificationsOverflowed(overflow.Text) : null;

    private void EnsureNotify()
    {
        if (!Capabilities.Contains("NOTIFY"))
        {
            throw new NotSupportedException("The server does not offer NOTIFY (RFC 5465).");
        }
    }
}
