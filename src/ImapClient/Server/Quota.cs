namespace Imap;

/// <summary>
/// A quota root and its resource limits (RFC 9208 §5.1, QUOTA response). From <see cref="ImapClient.GetQuotaAsync"/>
/// and <see cref="ImapClient.GetQuotaRootAsync"/>.
/// </summary>
public sealed class Quota
{
    internal Quota(string root, IReadOnlyList<QuotaUsage> resources)
    {
        Root = root;
        Resources = resources;
    }

    /// <summary>The quota root's name (may be empty).</summary>
    public string Root { get; }

    /// <summary>Every resource the server reported, in its order, unknown ones included.</summary>
    public IReadOnlyList<QuotaUsage> Resources { get; }

    /// <summary>The STORAGE resource (in KiB), or null when the root does not limit it.</summary>
    public QuotaUsage? Storage => Find(QuotaUsage.Storage);

    /// <summary>The MESSAGE resource (a count of messages), or null when the root does not limit it.</summary>
    public QuotaUsage? Message => Find(QuotaUsage.Message);

    /// <summary>The resource with this name, compared ignoring case, or null.</summary>
    /// <param name="resource">e.g. "STORAGE" or "MAILBOX".</param>
    public QuotaUsage? Find(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var usage in Resources)
        {
            if (usage.Resource.Equals(resource, StringComparison.OrdinalIgnoreCase))
            {
                return usage;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"\"{Root}\" ({string.Join(' ', Resources)})";
}
