namespace Imap;

/// <summary>
/// The mailboxes with a special use (RFC 6154 §2): where to save sent messages, drafts, deleted and junk messages.
/// When several mailboxes share a use, the first the server listed is the one given. Immutable.
/// </summary>
public sealed class SpecialMailboxes
{
    internal SpecialMailboxes(IReadOnlyList<MailboxInfo> mailboxes)
    {
        Mailboxes = mailboxes;
    }

    /// <summary>Every mailbox the server reported with a special use, in its order.</summary>
    public IReadOnlyList<MailboxInfo> Mailboxes { get; }

    /// <summary>\All: a virtual mailbox with every message, or null.</summary>
    public MailboxInfo? All => Find(MailboxAttributes.All);

    /// <summary>\Archive, or null.</summary>
    public MailboxInfo? Archive => Find(MailboxAttributes.Archive);

    /// <summary>\Drafts, or null.</summary>
    public MailboxInfo? Drafts => Find(MailboxAttributes.Drafts);

    /// <summary>\Flagged: a virtual mailbox with every flagged message, or null.</summary>
    public MailboxInfo? Flagged => Find(MailboxAttributes.Flagged);

    /// <summary>\Junk, or null.</summary>
    public MailboxInfo? Junk => Find(MailboxAttributes.Junk);

    /// <summary>\Sent, or null.</summary>
    public MailboxInfo? Sent => Find(MailboxAttributes.Sent);

    /// <summary>\Trash, or null.</summary>
    public MailboxInfo? Trash => Find(MailboxAttributes.Trash);

    /// <summary>\Important (RFC 8457), or null.</summary>
    public MailboxInfo? Important => Find(MailboxAttributes.Important);

    /// <summary>The first mailbox with this special use, or null.</summary>
    /// <param name="specialUse">One special use, e.g. <see cref="MailboxAttributes.Sent"/>.</param>
    public MailboxInfo? Find(MailboxAttributes specialUse) =>
        Mailboxes.FirstOrDefault(m => (m.Attributes & specialUse) != 0);
}
