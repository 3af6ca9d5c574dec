namespace Imap;

/// <summary>
/// One event group of NOTIFY SET (RFC 5465 §3): which mailboxes, and which events to report for them. The rules of
/// RFC 5465 §5 are checked when the group is made: MessageNew and MessageExpunge go together, FlagChange and
/// AnnotationChange need both, and fetch attributes for new messages only apply to the selected mailbox.
/// </summary>
/// <example>
/// <code>
/// var groups = new[]
/// {
///     new NotifyEventGroup(NotifyFilter.Selected, NotifyEvents.MessageNew | NotifyEvents.MessageExpunge | NotifyEvents.FlagChange),
///     new NotifyEventGroup(NotifyFilter.Personal, NotifyEvents.MessageNew | NotifyEvents.MessageExpunge | NotifyEvents.MailboxName),
/// };
/// await client.NotifyAsync(groups);
/// </code>
/// </example>
public sealed class NotifyEventGroup
{
    private const NotifyEvents NewAndExpunge = NotifyEvents.MessageNew | NotifyEvents.MessageExpunge;
    private const NotifyEvents All = (NotifyEvents)255;
    private readonly FetchRequest? messageNewFetch;

    /// <summary>A group; <see cref="NotifyEvents.None"/> says the mailboxes are not to be watched.</summary>
    /// <param name="filter">Which mailboxes.</param>
    /// <param name="events">Which events.</param>
    /// <exception cref="ArgumentException">The events break a rule of RFC 5465 §5, or name an unknown event.</exception>
    public NotifyEventGroup(NotifyFilter filter, NotifyEvents events)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if ((events & ~All) != 0)
        {
            throw new ArgumentException($"Unknown NOTIFY events: {events & ~All}.", nameof(events));
        }

        if ((events & NewAndExpunge) != 0 && (events & NewAndExpunge) != NewAndExpunge)
        {
            throw new ArgumentException("MessageNew and MessageExpunge must be asked for together (RFC 5465 §5).", nameof(events));
        }

        if ((events & (NotifyEvents.FlagChange | NotifyEvents.AnnotationChange)) != 0 && (events & NewAndExpunge) != NewAndExpunge)
        {
            throw new ArgumentException("FlagChange and AnnotationChange need MessageNew and MessageExpunge (RFC 5465 §5).", nameof(events));
        }

        Filter = filter;
        Events = events;
    }

    /// <summary>Which mailboxes.</summary>
    public NotifyFilter Filter { get; }

    /// <summary>Which events.</summary>
    public NotifyEvents Events { get; }

    /// <summary>
    /// The items the server sends, as an unsolicited FETCH, for each new message in the selected mailbox (the
    /// fetch-att list of MessageNew, RFC 5465 §5.1), raised as <see cref="MessageFetched"/>. Only for a group of
    /// <see cref="NotifyFilter.Selected"/> or <see cref="NotifyFilter.SelectedDelayed"/> with
    /// <see cref="NotifyEvents.MessageNew"/>, and without CHANGEDSINCE or VANISHED.
    /// </summary>
    /// <exception cref="ArgumentException">Set on a group it does not apply to.</exception>
    public FetchRequest? MessageNewFetch
    {
        get => messageNewFetch;
        init
        {
            if (value is not null && (!Filter.IsSelected || (Events & NotifyEvents.MessageNew) == 0))
            {
                throw new ArgumentException("Fetch attributes for new messages apply only to a SELECTED or SELECTED-DELAYED group with MessageNew (RFC 5465 §5.1).", nameof(value));
            }

            if (value is { ChangedSince: not null } or { IncludeVanished: true })
            {
                throw new ArgumentException("The fetch attributes of MessageNew take no CHANGEDSINCE or VANISHED modifier.", nameof(value));
            }

            messageNewFetch = value;
        }
    }
}
