namespace Imap;

/// <summary>
/// The namespaces of the server (RFC 2342, RFC 9051 §6.3.10, §7.3.3): where the user's own mailboxes, other users'
/// mailboxes and shared mailboxes live. From <see cref="ImapClient.GetNamespacesAsync"/>.
/// </summary>
public sealed class MailboxNamespaces
{
    internal MailboxNamespaces(IReadOnlyList<MailboxNamespace> personal, IReadOnlyList<MailboxNamespace> otherUsers, IReadOnlyList<MailboxNamespace> shared)
    {
        Personal = personal;
        OtherUsers = otherUsers;
        Shared = shared;
    }

    /// <summary>The personal namespaces (the user's own mailboxes); usually one.</summary>
    public IReadOnlyList<MailboxNamespace> Personal { get; }

    /// <summary>The other users' namespaces; empty when the server has none (NIL).</summary>
    public IReadOnlyList<MailboxNamespace> OtherUsers { get; }

    /// <summary>The shared namespaces; empty when the server has none (NIL).</summary>
    public IReadOnlyList<MailboxNamespace> Shared { get; }
}
