using Imap.Commands;

namespace Imap;

/// <summary>The session setup right after authentication: ENABLE, ID, NAMESPACE and special mailboxes, in one round trip.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// The server's namespaces (RFC 2342), read right after authentication when
    /// <see cref="ImapClientOptions.DiscoverMailboxes"/> is on and the server offers NAMESPACE; otherwise null (ask with
    /// <see cref="GetNamespacesAsync"/>).
    /// </summary>
    public MailboxNamespaces? Namespaces { get; private set; }

    /// <summary>
    /// The special mailboxes (RFC 6154: Sent, Trash, Drafts, Junk, Archive ...), found right after authentication when
    /// <see cref="ImapClientOptions.DiscoverMailboxes"/> is on and the server offers SPECIAL-USE; otherwise null (ask with
    /// <see cref="FindSpecialMailboxesAsync"/>). Not refreshed when mailboxes change later.
    /// </summary>
    public SpecialMailboxes? SpecialMailboxes { get; private set; }

    /// <summary>
    /// What the server said about itself in answer to <see cref="ImapClientOptions.ClientId"/> (RFC 2971), or null when
    /// no ID was sent.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? ServerId { get; private set; }

    /// <summary>
    /// Sends what the session needs after login together: ENABLE of the wanted extensions the server offers, ID,
    /// NAMESPACE and the LIST that finds the special mailboxes. ENABLE goes first and the others follow without waiting
    /// for its answer (they are the same bytes in either string encoding, so they may follow an ENABLE UTF8=ACCEPT): one
    /// round trip, not one each. A NO or BAD to any of them leaves its part out; it does not undo the login.
    /// </summary>
    private async Task SetUpSessionAsync(CancellationToken cancellationToken)
    {
        string[] wanted = [.. Options.EnableExtensions.Where(capabilities.Contains).Distinct(StringComparer.OrdinalIgnoreCase)];
        Task? enable = wanted.Length > 0 && selected is null && (capabilities.Contains("ENABLE") || capabilities.Contains("IMAP4rev2"))
            ? RunAsync(new EnableCommand(wanted, OnEnabled, pipelined: true), cancellationToken)
            : null;
        var id = Options.ClientId is { } fields && capabilities.Contains("ID")
            ? RunAsync(new IdCommand(fields), cancellationToken)
            : null;
        var namespaces = Options.DiscoverMailboxes && (capabilities.Contains("NAMESPACE") || capabilities.Contains("IMAP4rev2"))
            ? RunAsync(new NamespaceCommand(), cancellationToken)
            : null;
        var special = Options.DiscoverMailboxes && (capabilities.Contains("SPECIAL-USE") || capabilities.Contains("IMAP4rev2"))
            ? FindSpecialMailboxesAsync(cancellationToken)
            : null;

        if (enable is not null)
        {
            await OptionalAsync(enable).ConfigureAwait(false);
        }

        if (id is not null)
        {
            ServerId = await OptionalAsync(id).ConfigureAwait(false);
        }

        if (namespaces is not null)
        {
            Namespaces = await OptionalAsync(namespaces).ConfigureAwait(false);
        }

        if (special is not null)
        {
            SpecialMailboxes = await OptionalAsync(special).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The result, or default when the server refused the command (NO or BAD) or part of its answer exceeded a limit
    /// (then it is left out rather than given incomplete; asking again reports the limit); other failures propagate.
    /// </summary>
    private static async Task<T?> OptionalAsync<T>(Task<T> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImapCommandException or ImapLimitExceededException)
        {
            return default;
        }
    }

    private static async Task OptionalAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImapCommandException or ImapLimitExceededException)
        {
            // Left out: the session works without it.
        }
    }
}
