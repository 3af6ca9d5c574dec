using Imap.Commands;

namespace Imap;

/// <summary>Creating, deleting, renaming and subscribing to mailboxes.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// CREATE (RFC 9051 §6.3.4): creates a mailbox, with special uses through CREATE-SPECIAL-USE (RFC 6154 §3),
    /// <c>CREATE name (USE (\Sent))</c>, when any are given. A name ending with the hierarchy delimiter announces a
    /// level for child names; missing parent levels are created by the server as needed. International names are sent
    /// in UTF-8 or modified UTF-7, as the connection requires.
    /// </summary>
    /// <param name="mailbox">The new name, with the server's hierarchy delimiter between levels.</param>
    /// <param name="specialUses">
    /// Special uses only (<see cref="MailboxAttributes.Sent"/>, <see cref="MailboxAttributes.Trash"/> ...), or
    /// <see cref="MailboxAttributes.None"/> for a plain CREATE.
    /// </param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">
    /// The name is empty or holds NUL, a control character, U+2028, U+2029 (RFC 9051 §5.1) or an unpaired surrogate;
    /// or an attribute that is not a special use was given.
    /// </exception>
    /// <exception cref="NotSupportedException">Special uses were given and the server does not offer CREATE-SPECIAL-USE.</exception>
    /// <exception cref="ImapCommandException">
    /// The server refused, e.g. with ALREADYEXISTS (RFC 5530), or USEATTR when it cannot give the mailbox that use
    /// (RFC 6154 §6).
    /// </exception>
    public Task CreateMailboxAsync(string mailbox, MailboxAttributes specialUses = MailboxAttributes.None, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateNew(mailbox, nameof(mailbox));
        if ((specialUses & ~MailboxAttributeNames.SpecialUses) != 0)
        {
            throw new ArgumentException($"Only special uses can be given to CREATE (RFC 6154 §3), not {specialUses & ~MailboxAttributeNames.SpecialUses}.", nameof(specialUses));
        }

        if (specialUses != MailboxAttributes.None && !Capabilities.Contains("CREATE-SPECIAL-USE"))
        {
            throw new NotSupportedException("The server does not offer CREATE-SPECIAL-USE (RFC 6154 §3): it cannot create a mailbox with a special use.");
        }

        return RunAsync(new CreateCommand(mailbox, specialUses), cancellationToken);
    }

    /// <summary>
    /// DELETE (RFC 9051 §6.3.5): deletes a mailbox and its messages. Child mailboxes stay; a mailbox that has children
    /// keeps existing as a \Noselect name, and deleting such a \Noselect name is an error. INBOX cannot be deleted.
    /// </summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">The name is empty or holds NUL or an unpaired surrogate.</exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. with NONEXISTENT (RFC 5530).</exception>
    public Task DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));
        return RunAsync(MailboxNameCommand.Delete(mailbox), cancellationToken);
    }

    /// <summary>
    /// RENAME (RFC 9051 §6.3.6): renames a mailbox, with its children. Renaming INBOX is special: the server moves
    /// every message of INBOX to a new mailbox with the new name and leaves INBOX in place, empty (children of INBOX are
    /// not moved).
    /// </summary>
    /// <param name="mailbox">The current name.</param>
    /// <param name="newName">The new name.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">
    /// A name is empty or holds NUL or an unpaired surrogate; the new name holds a control character, U+2028 or U+2029.
    /// </exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. with NONEXISTENT or ALREADYEXISTS (RFC 5530).</exception>
    public Task RenameMailboxAsync(string mailbox, string newName, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));
        MailboxNames.ValidateNew(newName, nameof(newName));
        return RunAsync(new RenameCommand(mailbox, newName), cancellationToken);
    }

    /// <summary>
    /// SUBSCRIBE (RFC 9051 §6.3.7): adds the name to the subscription list. The mailbox need not exist, and the
    /// subscription stays if it is deleted.
    /// </summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">The name is empty or holds NUL or an unpaired surrogate.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task SubscribeMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));
        return RunAsync(MailboxNameCommand.Subscribe(mailbox), cancellationToken);
    }

    /// <summary>UNSUBSCRIBE (RFC 9051 §6.3.8): removes the name from the subscription list.</summary>
    /// <param name="mailbox">The mailbox name.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">The name is empty or holds NUL or an unpaired surrogate.</exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. when the name was not subscribed.</exception>
    public Task UnsubscribeMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        MailboxNames.ValidateExisting(mailbox, nameof(mailbox));
        return RunAsync(MailboxNameCommand.Unsubscribe(mailbox), cancellationToken);
    }
}
