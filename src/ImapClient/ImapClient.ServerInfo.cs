using Imap.Commands;

namespace Imap;

/// <summary>Information about the server and the session: NAMESPACE, ID, ENABLE, QUOTA and METADATA.</summary>
public sealed partial class ImapClient
{
    /// <summary>
    /// The extensions enabled on this connection with <see cref="EnableAsync(IEnumerable{string}, CancellationToken)"/>
    /// (RFC 5161), as the server confirmed them, compared ignoring case. Those of
    /// <see cref="ImapClientOptions.EnableExtensions"/> are known once the first command after login has completed (or
    /// after <see cref="WaitForSessionSetupAsync"/>).
    /// </summary>
    public IReadOnlySet<string> EnabledExtensions => connection.Session.Enabled;

    /// <summary>
    /// NAMESPACE (RFC 2342, RFC 9051 §6.3.10): the personal, other users' and shared namespaces, each with its prefix,
    /// delimiter and extension data. When the server offers neither NAMESPACE nor IMAP4rev2, the answer is one personal
    /// namespace "" with the hierarchy delimiter from <c>LIST "" ""</c> (RFC 9051 §6.3.9).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ImapProtocolException">The server completed NAMESPACE without a NAMESPACE response.</exception>
    public async Task<MailboxNamespaces> GetNamespacesAsync(CancellationToken cancellationToken = default)
    {
        if (Capabilities.Contains("NAMESPACE") || Capabilities.Contains("IMAP4rev2"))
        {
            return await RunAsync(new NamespaceCommand(), cancellationToken).ConfigureAwait(false);
        }

        var root = await RunAsync(new ListCommand(string.Empty, string.Empty), cancellationToken).ConfigureAwait(false);
        return NamespaceCommand.Default(root.Count > 0 ? root[0].Delimiter : null);
    }

    /// <summary>
    /// ID (RFC 2971): tells the server who the client is and returns what the server says about itself. Field names
    /// such as "name", "version", "vendor", "support-url" are defined in RFC 2971 §3.3; send none (NIL) to stay
    /// anonymous.
    /// </summary>
    /// <param name="clientFields">The client's fields: at most 30, names of 1 to 30 octets, values of at most 1024 octets or null.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <returns>The server's fields, names compared ignoring case; empty when it sent NIL.</returns>
    /// <exception cref="ArgumentException">The fields break a limit of RFC 2971 §3.3, repeat a name, or hold NUL.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ID.</exception>
    public Task<IReadOnlyDictionary<string, string?>> IdentifyAsync(IReadOnlyDictionary<string, string?>? clientFields = null, CancellationToken cancellationToken = default)
    {
        var command = new IdCommand(clientFields);
        RequireCapability("ID", "RFC 2971");
        return RunAsync(command, cancellationToken);
    }

    /// <summary>
    /// ENABLE (RFC 5161, RFC 9051 §6.3.1): turns on extensions that change how the server talks, such as UTF8=ACCEPT
    /// (RFC 6855), CONDSTORE or QRESYNC (RFC 7162). Valid in the authenticated state, before a mailbox is selected. A
    /// barrier: it runs alone. Once UTF8=ACCEPT or IMAP4rev2 is enabled, mailbox names are sent and read as UTF-8 instead
    /// of modified UTF-7.
    /// </summary>
    /// <param name="extensions">The capability names to enable (atoms); one or several: <c>EnableAsync(["CONDSTORE"])</c>.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <returns>
    /// What the server reported as enabled (ENABLED response): an extension it does not know is absent; one enabled
    /// before may be listed again or not, as servers differ.
    /// </returns>
    /// <exception cref="ArgumentException">No extension, or a name that is not an atom.</exception>
    /// <exception cref="NotSupportedException">The server offers neither ENABLE nor IMAP4rev2.</exception>
    /// <exception cref="InvalidOperationException">A mailbox is selected.</exception>
    public Task<IReadOnlySet<string>> EnableAsync(IEnumerable<string> extensions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        string[] list = [.. extensions];
        if (list.Length == 0)
        {
            throw new ArgumentException("Name at least one extension to enable.", nameof(extensions));
        }

        foreach (string name in list)
        {
            if (string.IsNullOrEmpty(name) || name.Any(c => c is <= ' ' or > '~' or '(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']'))
            {
                throw new ArgumentException($"A capability name is an atom (RFC 9051 §9): \"{name}\".", nameof(extensions));
            }
        }

        if (!Capabilities.Contains("ENABLE") && !Capabilities.Contains("IMAP4rev2"))
        {
            throw new NotSupportedException("The server does not offer ENABLE (RFC 5161).");
        }

        if (selected is not null)
        {
            throw new InvalidOperationException("ENABLE is valid only before a mailbox is selected (RFC 5161 §3.1); close or unselect it first.");
        }

        return RunAsync(new EnableCommand(list, connection.Session), cancellationToken);
    }

    /// <summary>
    /// GETQUOTAROOT (RFC 9208 §4.3): the quota roots that apply to a mailbox and the usage and limits of each.
    /// </summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer QUOTA.</exception>
    /// <exception cref="ImapProtocolException">The server completed the command without a QUOTAROOT response for the mailbox.</exception>
    public Task<QuotaRoots> GetQuotaRootAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        RequireCapability("QUOTA", "RFC 9208");
        return RunAsync(new QuotaRootCommand(mailbox), cancellationToken);
    }

    /// <summary>
    /// GETQUOTA (RFC 9208 §4.2): the usage and limits of one quota root (STORAGE in units of 1024 octets, MESSAGE as a
    /// count, and any other resource by its name).
    /// </summary>
    /// <param name="root">The quota root's name, as <see cref="GetQuotaRootAsync"/> reported it (may be empty).</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="NotSupportedException">The server does not offer QUOTA.</exception>
    /// <exception cref="ImapProtocolException">The server completed the command without a QUOTA response for the root.</exception>
    public Task<Quota> GetQuotaAsync(string root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        RequireCapability("QUOTA", "RFC 9208");
        return RunAsync(new QuotaCommand(root), cancellationToken);
    }

    /// <summary>
    /// GETMETADATA (RFC 5464 §4.2): entries of a mailbox, or of the server when <paramref name="mailbox"/> is "".
    /// </summary>
    /// <param name="mailbox">The mailbox, or "" for server metadata.</param>
    /// <param name="entries">Entry names under "/private" or "/shared" (the bare prefixes too, with a DEPTH).</param>
    /// <param name="options">MAXSIZE and DEPTH; null for neither.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">No entry, or an entry name that breaks RFC 5464 §3.2.</exception>
    /// <exception cref="NotSupportedException">The server does not offer METADATA (or only METADATA-SERVER and a mailbox was named).</exception>
    /// <exception cref="MetadataException">The server refused with a METADATA response code.</exception>
    /// <exception cref="ImapProtocolException">The server returned a value larger than the MAXSIZE asked for.</exception>
    public Task<MetadataResult> GetMetadataAsync(string mailbox, IEnumerable<string> entries, MetadataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(entries);
        string[] names = [.. entries];
        if (names.Length == 0)
        {
            throw new ArgumentException("Name at least one metadata entry.", nameof(entries));
        }

        foreach (string name in names)
        {
            MetadataSyntax.ValidateEntry(name, allowBarePrefix: true, nameof(entries));
        }

        options ??= new MetadataOptions();
        if (!Enum.IsDefined(options.Depth))
        {
            throw new ArgumentException($"Unknown metadata depth {options.Depth}.", nameof(options));
        }

        RequireMetadata(mailbox);
        return RunAsync(new MetadataGetCommand(mailbox, names, options), cancellationToken);
    }

    /// <summary>
    /// SETMETADATA (RFC 5464 §4.3): sets entries of a mailbox, or of the server when <paramref name="mailbox"/> is "";
    /// an entry whose value is null is removed. Values are binary-safe: anything but short printable text is sent as a
    /// literal, and a value holding NUL as a literal8 (which needs BINARY).
    /// </summary>
    /// <param name="mailbox">The mailbox, or "" for server metadata.</param>
    /// <param name="entries">The entries to set or remove.</param>
    /// <param name="cancellationToken">Cancels the wait; before the command is sent, it is not sent at all.</param>
    /// <exception cref="ArgumentException">No entry, or an entry name that breaks RFC 5464 §3.2.</exception>
    /// <exception cref="NotSupportedException">
    /// The server does not offer METADATA (or only METADATA-SERVER and a mailbox was named), or a value holds NUL and
    /// the server does not offer BINARY.
    /// </exception>
    /// <exception cref="MetadataException">The server refused with [METADATA MAXSIZE n], [METADATA TOOMANY] or [METADATA NOPRIVATE].</exception>
    public Task SetMetadataAsync(string mailbox, IEnumerable<MetadataEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(entries);
        MetadataEntry[] list = [.. entries];
        if (list.Length == 0)
        {
            throw new ArgumentException("Name at least one metadata entry.", nameof(entries));
        }

        foreach (var entry in list)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            MetadataSyntax.ValidateEntry(entry.Name, allowBarePrefix: false, nameof(entries));
            if (entry.Value is { } value && value.Span.Contains((byte)0) && !Capabilities.Contains("BINARY"))
            {
                throw new NotSupportedException($"The value of {entry.Name} holds NUL, which only a literal8 can carry, and the server does not offer BINARY (RFC 3516).");
            }
        }

        RequireMetadata(mailbox);
        return RunAsync(new MetadataSetCommand(mailbox, list), cancellationToken);
    }

    private void RequireCapability(string capability, string rfc)
    {
        if (!Capabilities.Contains(capability))
        {
            throw new NotSupportedException($"The server does not offer {capability} ({rfc}).");
        }
    }

    private void RequireMetadata(string mailbox)
    {
        if (!Capabilities.Contains("METADATA") && !(mailbox.Length == 0 && Capabilities.Contains("METADATA-SERVER")))
        {
            throw new NotSupportedException(mailbox.Length == 0
                ? "The server offers neither METADATA nor METADATA-SERVER (RFC 5464)."
                : "The server does not offer METADATA (RFC 5464) for mailboxes.");
        }
    }
}
