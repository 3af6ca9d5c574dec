using Imap.Protocol.Responses;

namespace Imap.Dispatch;

/// <summary>The name an untagged response has on the wire, and its leading message number if any.</summary>
internal static class ResponseNames
{
    public static (string Name, uint? Number) Of(ImapResponse response) => response switch
    {
        StatusResponse s => (s.Status switch
        {
            ResponseStatus.Ok => "OK",
            ResponseStatus.No => "NO",
            ResponseStatus.Bad => "BAD",
            ResponseStatus.PreAuth => "PREAUTH",
            _ => "BYE",
        }, null),
        CapabilityResponse c => (c.IsEnabled ? "ENABLED" : "CAPABILITY", null),
        FlagsResponse => ("FLAGS", null),
        ListResponse l => (l.IsLsub ? "LSUB" : "LIST", null),
        NamespaceResponse => ("NAMESPACE", null),
        MailboxStatusResponse => ("STATUS", null),
        SearchResponse => ("SEARCH", null),
        SortResponse => ("SORT", null),
        ESearchResponse => ("ESEARCH", null),
        ThreadResponse => ("THREAD", null),
        MessageNumberResponse m => (m.Kind switch
        {
            MessageNumberKind.Exists => "EXISTS",
            MessageNumberKind.Recent => "RECENT",
            _ => "EXPUNGE",
        }, m.Number),
        VanishedResponse => ("VANISHED", null),
        FetchResponse f => ("FETCH", f.SequenceNumber),
        IdResponse => ("ID", null),
        QuotaResponse => ("QUOTA", null),
        QuotaRootResponse => ("QUOTAROOT", null),
        MetadataResponse => ("METADATA", null),
        UnknownResponse u => (u.Name.ToUpperInvariant(), null),
        _ => (string.Empty, null),
    };
}
