namespace Imap;

/// <summary>
/// The mailboxes an event group of NOTIFY watches (RFC 5465 §6): the selected one, a class of mailboxes, or named
/// mailboxes (with or without what lies below them).
/// </summary>
public sealed class NotifyFilter
{
    private NotifyFilter(NotifyFilterKind kind, IReadOnlyList<string> mailboxes)
    {
        Kind = kind;
        MailboxNames = mailboxes;
    }

    /// <summary>SELECTED: the selected mailbox; expunges are reported as they happen.</summary>
    public static NotifyFilter Selected { get; } = new(NotifyFilterKind.Selected, []);

    /// <summary>SELECTED-DELAYED: the selected mailbox; expunges wait until the client may see sequence numbers shift.</summary>
    public static NotifyFilter SelectedDelayed { get; } = new(NotifyFilterKind.SelectedDelayed, []);

    /// <summary>INBOXES: the mailboxes new mail is delivered to.</summary>
    public static NotifyFilter Inboxes { get; } = new(NotifyFilterKind.Inboxes, []);

    /// <summary>PERSONAL: the mailboxes of the user's personal namespaces.</summary>
    public static NotifyFilter Personal { get; } = new(NotifyFilterKind.Personal, []);

    /// <summary>SUBSCRIBED: the subscribed mailboxes.</summary>
    public static NotifyFilter Subscribed { get; } = new(NotifyFilterKind.Subscribed, []);

    /// <summary>Which kind of filter this is.</summary>
    public NotifyFilterKind Kind { get; }

    /// <summary>The mailbox names of <see cref="NotifyFilterKind.Subtree"/> and <see cref="NotifyFilterKind.Mailboxes"/>; empty otherwise.</summary>
    public IReadOnlyList<string> MailboxNames { get; }

    /// <summary>Whether this is <see cref="Selected"/> or <see cref="SelectedDelayed"/>.</summary>
    public bool IsSelected => Kind is NotifyFilterKind.Selected or NotifyFilterKind.SelectedDelayed;

    /// <summary>SUBTREE: these mailboxes and every mailbox below them.</summary>
    /// <param name="mailboxes">One name or more.</param>
    /// <exception cref="ArgumentException">No name, or a null or empty one.</exception>
    public static NotifyFilter Subtree(params IEnumerable<string> mailboxes) => Named(NotifyFilterKind.Subtree, mailboxes);

    /// <summary>MAILBOXES: exactly these mailboxes.</summary>
    /// <param name="mailboxes">One name or more.</param>
    /// <exception cref="ArgumentException">No name, or a null or empty one.</exception>
    public static NotifyFilter Mailboxes(params IEnumerable<string> mailboxes) => Named(NotifyFilterKind.Mailboxes, mailboxes);

    /// <inheritdoc/>
    public override string ToString() => MailboxNames.Count == 0 ? Kind.ToString() : $"{Kind} ({string.Join(", ", MailboxNames)})";

    private static NotifyFilter Named(NotifyFilterKind kind, IEnumerable<string> mailboxes)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        string[] names = [.. mailboxes];
        if (names.Length == 0 || names.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("NOTIFY needs one mailbox name or more, none null or empty (RFC 5465 §6).", nameof(mailboxes));
        }

        return new NotifyFilter(kind, names);
    }
}
