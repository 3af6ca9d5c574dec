using Imap.Commands;

namespace Imap;

/// <summary>
/// The session setup right after authentication: ENABLE, ID, NAMESPACE and special mailboxes, in one round trip with
/// the caller's first command.
/// </summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// The server's namespaces (RFC 2342), read right after authentication when
    /// <see cref="ImapClientOptions.DiscoverMailboxes"/> is on and the server offers NAMESPACE; otherwise null (ask with
    /// <see cref="GetNamespacesAsync"/>). Login does not wait for the answer: it is known once the first command after
    /// login has completed (the answers come in order), and null before that.
    /// </summary>
    public MailboxNamespaces? Namespaces { get; private set; }

    /// <summary>
    /// The special mailboxes (RFC 6154: Sent, Trash, Drafts, Junk, Archive ...), found right after authentication when
    /// <see cref="ImapClientOptions.DiscoverMailboxes"/> is on and the server offers SPECIAL-USE; otherwise null (ask with
    /// <see cref="FindSpecialMailboxesAsync"/>). Known once the first command after login has completed, like
    /// <see cref="Namespaces"/>. Not refreshed when mailboxes change later.
    /// </summary>
    public SpecialMailboxes? SpecialMailboxes { get; private set; }

    /// <summary>
    /// What the server said about itself in answer to <see cref="ImapClientOptions.ClientId"/> (RFC 2971), or null when
    /// no ID was sent. Known once the first command after login has completed, like <see cref="Namespaces"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? ServerId { get; private set; }

    /// <summary>
    /// The post-login setup (<see cref="SetUpSessionAsync"/>) while it runs; a completed task before login and once it is
    /// done. It never fails: a part the server refuses is left out, and a connection lost meanwhile fails the commands
    /// that wait for it instead.
    /// </summary>
    internal Task SessionSetup { get; private set; } = Task.CompletedTask;

    /// <summary>Set in the setup's own flow, whose commands must not wait for the setup they belong to.</summary>
    private static readonly AsyncLocal<bool> InSessionSetup = new();

    /// <summary>
    /// Completes once the post-login setup (ENABLE, ID, NAMESPACE, the special mailboxes) has been answered, so that
    /// <see cref="EnabledExtensions"/>, <see cref="ServerId"/>, <see cref="Namespaces"/> and
    /// <see cref="SpecialMailboxes"/> are known. Login does not wait for it; any command run after login completes after
    /// it too, so this is only needed to read those properties before running anything. Completes at once when there is
    /// no setup (not logged in yet, or done).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (not the setup).</param>
    public Task WaitForSessionSetupAsync(CancellationToken cancellationToken = default) => SessionSetup.WaitAsync(cancellationToken);

    /// <summary>
    /// Queues the post-login setup's commands and returns at once: login does not wait for their answers, and the
    /// caller's next command is sent right behind them (<see cref="RunAsync{TResult}"/> hands its result over once the
    /// setup is done too).
    /// </summary>
    private void StartSessionSetup()
    {
        var setup = SetUpSessionAsync(CancellationToken.None);
        SessionSetup = setup.IsCompleted ? Task.CompletedTask : ObserveAsync(setup);

        static async Task ObserveAsync(Task setup)
        {
            try
            {
                await setup.ConfigureAwait(false);
            }
            catch (ImapException)
            {
                // The connection failed under the setup: the caller's own commands report that.
            }
        }
    }

    /// <summary>
    /// Sends what the session needs after login together: ENABLE of the wanted extensions the server offers, ID,
    /// NAMESPACE and the LIST that finds the special mailboxes. ENABLE goes first and the others follow without waiting
    /// for its answer (they are the same bytes in either string encoding, so they may follow an ENABLE UTF8=ACCEPT): one
    /// round trip, not one each, and the caller's first command in the same one. A NO or BAD to any of them leaves its
    /// part out; it does not undo the login. Every command is queued before the first await.
    /// </summary>
    private async Task SetUpSessionAsync(CancellationToken cancellationToken)
    {
        InSessionSetup.Value = true;
        string[] wanted = [.. Options.EnableExtensions.Where(Capabilities.Contains).Distinct(StringComparer.OrdinalIgnoreCase)];
        Task? enable = wanted.Length > 0 && selected is null && (Capabilities.Contains("ENABLE") || Capabilities.Contains("IMAP4rev2"))
            ? RunAsync(new EnableCommand(wanted, connection.Session, pipelined: true), cancellationToken)
            : null;
        var id = Options.ClientId is { } fields && Capabilities.Contains("ID")
            ? RunAsync(new IdCommand(fields), cancellationToken)
            : null;
        var namespaces = Options.DiscoverMailboxes && (Capabilities.Contains("NAMESPACE") || Capabilities.Contains("IMAP4rev2"))
            ? RunAsync(new NamespaceCommand(), cancellationToken)
            : null;
        var special = Options.DiscoverMailboxes && (Capabilities.Contains("SPECIAL-USE") || Capabilities.Contains("IMAP4rev2"))
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
