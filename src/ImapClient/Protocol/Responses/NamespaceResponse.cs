namespace Imap.Protocol.Responses;

/// <summary>NAMESPACE (RFC 2342 §5, RFC 9051 §7.3.3): personal, other users' and shared namespaces.</summary>
internal sealed record NamespaceResponse(
    IReadOnlyList<NamespaceDescriptor> Personal,
    IReadOnlyList<NamespaceDescriptor> OtherUsers,
    IReadOnlyList<NamespaceDescriptor> Shared) : ImapResponse;

/// <summary>One namespace: its prefix and hierarchy delimiter.</summary>
internal sealed record NamespaceDescriptor(string Prefix, char? Delimiter)
{
    /// <summary>The namespace-response-extensions (RFC 2342 §5): name and values, or null when there are none.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? Extensions { get; init; }
}
