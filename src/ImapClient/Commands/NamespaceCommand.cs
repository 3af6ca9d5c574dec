using System.Collections.Frozen;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// NAMESPACE (RFC 2342, RFC 9051 §6.3.10). Its response names no command, so NAMESPACE collects it as an exclusive
/// kind: one NAMESPACE in flight at a time.
/// </summary>
internal sealed class NamespaceCommand : PendingCommand<MailboxNamespaces>
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtensions =
        FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    private NamespaceResponse? response;

    public override string Name => "NAMESPACE";

    public override CommandTraits Traits => CommandTraits.None;

    public override bool IsEncodingNeutral => true;

    public override bool IsSelectionIndependent => true;

    public override UntaggedKinds Collects => UntaggedKinds.Namespace;

    public override void Write(CommandWriter writer) => writer.WriteAtom("NAMESPACE"u8);

    public override bool TryClaim(ImapResponse candidate)
    {
        if (response is not null || candidate is not NamespaceResponse namespaces)
        {
            return false;
        }

        response = namespaces;
        return true;
    }

    /// <summary>The namespaces of a server without NAMESPACE: one personal namespace "" with the delimiter LIST "" "" gave.</summary>
    public static MailboxNamespaces Default(char? delimiter) =>
        new([new MailboxNamespace(string.Empty, delimiter, NoExtensions)], [], []);

    protected override MailboxNamespaces GetResult(TaggedResponse tagged)
    {
        var r = response ?? throw new ImapProtocolException("The server completed NAMESPACE without a NAMESPACE response.");
        return new MailboxNamespaces(Convert(r.Personal), Convert(r.OtherUsers), Convert(r.Shared));
    }

    private static MailboxNamespace[] Convert(IReadOnlyList<NamespaceDescriptor> group)
    {
        var list = new MailboxNamespace[group.Count];
        for (int i = 0; i < list.Length; i++)
        {
            var d = group[i];
            list[i] = new MailboxNamespace(d.Prefix, d.Delimiter, ConvertExtensions(d.Extensions));
        }

        return list;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ConvertExtensions(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>? extensions)
    {
        if (extensions is null || extensions.Count == 0)
        {
            return NoExtensions;
        }

        // A name sent twice keeps its first values: the grammar does not forbid repeats, and one answer is needed.
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in extensions)
        {
            map.TryAdd(name, values);
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
