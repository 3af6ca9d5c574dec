namespace Imap;

/// <summary>
/// The quota roots of a mailbox and their limits (RFC 9208 §4.3, §5.2: QUOTAROOT and QUOTA responses). From
/// <see cref="ImapClient.GetQuotaRootAsync"/>.
/// </summary>
public sealed class QuotaRoots
{
    internal QuotaRoots(string mailbox, IReadOnlyList<string> roots, IReadOnlyList<Quota> quotas)
    {
        Mailbox = mailbox;
        Roots = roots;
        Quotas = quotas;
    }

    /// <summary>The mailbox asked about.</summary>
    public string Mailbox { get; }

    /// <summary>The names of the quota roots that apply to the mailbox; empty when none does.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The limits of those roots, one per root the server described (a response it sent malformed is missing).</summary>
    public IReadOnlyList<Quota> Quotas { get; }
}
