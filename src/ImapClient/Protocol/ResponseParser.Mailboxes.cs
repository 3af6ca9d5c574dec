using System.Text;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>LIST, LSUB, STATUS, NAMESPACE, QUOTA, QUOTAROOT, METADATA and ID.</summary>
internal sealed partial class ResponseParser
{
    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox [SP mbox-list-extended]
    private string? ParseList(ref ResponseTokenizer r, bool isLsub, ref ImapResponse? response)
    {
        if (!r.TryReadSpace() || !TryReadFlagList(ref r, out var attributeFlags) || !r.TryReadSpace())
        {
            return "mailbox attributes";
        }

        if (!TryReadDelimiter(ref r, out char? delimiter) || !r.TryReadSpace())
        {
            return "a hierarchy delimiter";
        }

        string? failure = ReadMailboxName(ref r, out var mailbox, listMailbox: true);
        if (failure is not null)
        {
            return failure;
        }

        IReadOnlyList<string> childInfo = [];
        MailboxName? oldName = null;
        if (r.TryReadSpace())
        {
            // mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"
            if (!r.TryRead((byte)'('))
            {
                return "( of extended LIST data";
            }

            while (!r.TryRead((byte)')'))
            {
                if (!r.TryReadAString(out var tag) || !r.TryReadSpace())
                {
                    return "an extended LIST item";
                }

                if (tag.EqualsIgnoreCase("CHILDINFO"u8))
                {
                    var list = new List<string>();
                    if (!r.TryRead((byte)'('))
                    {
                        return "( of CHILDINFO";
                    }

                    do
                    {
                        if (!r.TryReadAString(out var option))
                        {
                            return "a CHILDINFO option";
                        }

                        list.Add(atoms.Get(option));
                    }
                    while (r.TryReadSpace());

                    if (!r.TryRead((byte)')'))
                    {
                        return ") of CHILDINFO";
                    }

                    childInfo = list;
                }
                else if (tag.EqualsIgnoreCase("OLDNAME"u8))
                {
                    if (!r.TryRead((byte)'(') || ReadMailboxName(ref r, out oldName) is not null || !r.TryRead((byte)')'))
                    {
                        return "OLDNAME (mailbox)";
                    }
                }
                else if (!r.TrySkipValue(limits.MaxNestingDepth))
                {
                    return "an extended LIST value";
                }

                r.TryReadSpace();
            }
        }

        response = new ListResponse(isLsub, attributeFlags.WireNames, delimiter, mailbox!) { ChildInfo = childInfo, OldName = oldName };
        return null;
    }

    private static bool TryReadDelimiter(ref ResponseTokenizer r, out char? delimiter)
    {
        delimiter = null;
        if (r.TryReadNil())
        {
            return true;
        }

        if (!r.TryReadQuoted(out var quoted) || quoted.ValueLength != 1)
        {
            return false;
        }

        Span<byte> one = stackalloc byte[1];
        quoted.CopyValueTo(one);
        delimiter = (char)one[0];
        return one[0] < 0x80;
    }

    // mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
    private string? ParseStatus(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace())
        {
            return "SP after STATUS";
        }

        string? failure = ReadMailboxName(ref r, out var mailbox);
        if (failure is not null)
        {
            return failure;
        }

        // Some servers put no space before the list; tolerate exactly that.
        r.TryReadSpace();
        if (!r.TryRead((byte)'('))
        {
            return "( of STATUS items";
        }

        // The values are gathered first and the response made once: a record copied per item (with) cost a copy of
        // the whole response for each.
        var values = default(StatusValues);
        Span<byte> scratch = stackalloc byte[32];
        while (!r.TryRead((byte)')'))
        {
            if (!r.TryReadAtom(out var itemToken) || !r.TryReadSpace())
            {
                return "a STATUS item";
            }

            var item = ContiguousToken.AsSpan(itemToken, scratch);

            if (Ascii.EqualsIgnoreCase(item, "MAILBOXID"u8))
            {
                if (!r.TryRead((byte)'(') || !r.TryReadAtom(out var id) || !r.TryRead((byte)')'))
                {
                    return "MAILBOXID (objectid)";
                }

                values.MailboxId = atoms.Get(id);
            }
            else if (Ascii.EqualsIgnoreCase(item, "APPENDLIMIT"u8) && r.TryReadNil())
            {
                values.AppendLimit = long.MaxValue;
            }
            else
            {
                if (!r.TryReadNumber64(out ulong value))
                {
                    return "a STATUS number";
                }

                if (!values.TryApply(item, value))
                {
                    return "a 32-bit STATUS number";
                }
            }

            r.TryReadSpace();
        }

        response = new MailboxStatusResponse(mailbox!)
        {
            Messages = values.Messages,
            Recent = values.Recent,
            UidNext = values.UidNext,
            UidValidity = values.UidValidity,
            Unseen = values.Unseen,
            Deleted = values.Deleted,
            Size = values.Size,
            HighestModSeq = values.HighestModSeq,
            AppendLimit = values.AppendLimit,
            MailboxId = values.MailboxId,
        };
        return null;
    }

    /// <summary>The items of one STATUS response as they are read; a later item of the same name replaces an earlier one.</summary>
    private struct StatusValues
    {
        public uint? Messages;
        public uint? Recent;
        public uint? UidNext;
        public uint? UidValidity;
        public uint? Unseen;
        public uint? Deleted;
        public long? Size;
        public ulong? HighestModSeq;
        public long? AppendLimit;
        public string? MailboxId;

        /// <summary>
        /// One numeric item, <paramref name="value"/> a <c>number64</c> as read (at most <see cref="long.MaxValue"/>):
        /// SIZE and APPENDLIMIT take it as octets, HIGHESTMODSEQ as a <c>mod-sequence-value</c>. The counts, UIDNEXT
        /// and UIDVALIDITY are 32-bit <c>number</c>s (RFC 9051 §9): false for a larger one, which fails the response
        /// rather than lose the item. Unknown items are ignored, whatever their value.
        /// </summary>
        public bool TryApply(scoped ReadOnlySpan<byte> item, ulong value)
        {
            // When a 32-bit item does not fit, the whole response fails: the value kept meanwhile is never used.
            bool fits = value <= uint.MaxValue;
            uint number = (uint)value;
            if (Ascii.EqualsIgnoreCase(item, "MESSAGES"u8))
            {
                Messages = number;
            }
            else if (Ascii.EqualsIgnoreCase(item, "RECENT"u8))
            {
                Recent = number;
            }
            else if (Ascii.EqualsIgnoreCase(item, "UIDNEXT"u8))
            {
                UidNext = number;
            }
            else if (Ascii.EqualsIgnoreCase(item, "UIDVALIDITY"u8))
            {
                UidValidity = number;
            }
            else if (Ascii.EqualsIgnoreCase(item, "UNSEEN"u8))
            {
                Unseen = number;
            }
            else if (Ascii.EqualsIgnoreCase(item, "DELETED"u8))
            {
                Deleted = number;
            }
            else
            {
                if (Ascii.EqualsIgnoreCase(item, "SIZE"u8))
                {
                    Size = (long)value;
                }
                else if (Ascii.EqualsIgnoreCase(item, "APPENDLIMIT"u8))
                {
                    AppendLimit = (long)value;
                }
                else if (Ascii.EqualsIgnoreCase(item, "HIGHESTMODSEQ"u8))
                {
                    HighestModSeq = value;
                }

                return true;
            }

            return fits;
        }
    }

    // namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace
    private string? ParseNamespace(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        var groups = new IReadOnlyList<NamespaceDescriptor>[3];
        for (int i = 0; i < 3; i++)
        {
            if (!r.TryReadSpace())
            {
                return "SP before a namespace";
            }

            string? failure = ReadNamespace(ref r, out groups[i]);
            if (failure is not null)
            {
                return failure;
            }
        }

        response = new NamespaceResponse(groups[0], groups[1], groups[2]);
        return null;
    }

    // namespace = nil / "(" 1*namespace-descr ")"; namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
    //             [namespace-response-extensions] ")"
    private string? ReadNamespace(ref ResponseTokenizer r, out IReadOnlyList<NamespaceDescriptor> group)
    {
        group = [];
        if (r.TryReadNil())
        {
            return null;
        }

        if (!r.TryRead((byte)'('))
        {
            return "( of a namespace";
        }

        var list = new List<NamespaceDescriptor>();
        while (r.TryRead((byte)'('))
        {
            if (!r.TryReadString(out var prefix) || !r.TryReadSpace() || !TryReadDelimiter(ref r, out char? delimiter))
            {
                return "a namespace prefix and delimiter";
            }

            // namespace-response-extensions = *(SP string SP "(" string *(SP string) ")") (RFC 2342, RFC 9051 §9)
            List<KeyValuePair<string, IReadOnlyList<string>>>? extensions = null;
            while (r.TryReadSpace())
            {
                if (!r.TryReadString(out var extension) || !r.TryReadSpace() || !r.TryRead((byte)'('))
                {
                    return "a namespace extension";
                }

                var values = new List<string>();
                do
                {
                    if (!r.TryReadString(out var value))
                    {
                        return "a namespace extension value";
                    }

                    values.Add(value.GetString());
                }
                while (r.TryReadSpace());

                if (!r.TryRead((byte)')'))
                {
                    return ") of a namespace extension";
                }

                (extensions ??= []).Add(new(extension.GetString(), values));
            }

            if (!r.TryRead((byte)')'))
            {
                return ") of a namespace";
            }

            list.Add(new NamespaceDescriptor(DecodeMailboxName(prefix.ToArray()), delimiter) { Extensions = extensions });
        }

        group = list;
        return r.TryRead((byte)')') ? null : ") of a namespace list";
    }

    // quota-response = "QUOTA" SP astring SP quota-list; quota-list = "(" quota-resource *(SP quota-resource) ")"
    private string? ParseQuota(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace() || !r.TryReadAString(out var root) || !r.TryReadSpace() || !r.TryRead((byte)'('))
        {
            return "a quota root and (";
        }

        var resources = new List<QuotaResource>();
        while (!r.TryRead((byte)')'))
        {
            // quota-resource = resource-name SP resource-usage SP resource-limit; both number64 (RFC 9208 §9), so at
            // most long.MaxValue: a larger one fails the response as malformed.
            if (!r.TryReadAtom(out var name) || !r.TryReadSpace() || !r.TryReadNumber64(out ulong usage)
                || !r.TryReadSpace() || !r.TryReadNumber64(out ulong limit))
            {
                return "a quota resource";
            }

            resources.Add(new QuotaResource(atoms.Get(name), (long)usage, (long)limit));
            r.TryReadSpace();
        }

        response = new QuotaResponse(root.GetString(), resources);
        return null;
    }

    // quotaroot-response = "QUOTAROOT" SP mailbox *(SP astring)
    private string? ParseQuotaRoot(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace())
        {
            return "SP after QUOTAROOT";
        }

        string? failure = ReadMailboxName(ref r, out var mailbox);
        if (failure is not null)
        {
            return failure;
        }

        var roots = new List<string>();
        while (r.TryReadSpace())
        {
            if (!r.TryReadAString(out var root))
            {
                return "a quota root";
            }

            roots.Add(root.GetString());
        }

        response = new QuotaRootResponse(mailbox!, roots);
        return null;
    }

    // metadata-resp = "METADATA" SP mailbox SP (entry-values / entry-list)
    private string? ParseMetadata(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace())
        {
            return "SP after METADATA";
        }

        string? failure = ReadMailboxName(ref r, out var mailbox);
        if (failure is not null)
        {
            return failure;
        }

        if (!r.TryReadSpace())
        {
            return "SP before metadata entries";
        }

        var entries = new List<KeyValuePair<string, byte[]?>>();
        if (r.TryRead((byte)'('))
        {
            // entry-values = "(" entry-value *(SP entry-value) ")"; entry-value = entry SP value
            while (!r.TryRead((byte)')'))
            {
                if (!r.TryReadAString(out var entry) || !r.TryReadSpace() || !r.TryReadNString(out var value))
                {
                    return "a metadata entry and value";
                }

                entries.Add(new(entry.GetString(), value.IsNil ? null : value.ToArray()));
                r.TryReadSpace();
            }
        }
        else
        {
            // entry-list = entry *(SP entry): unsolicited notice of changed entries
            do
            {
                if (!r.TryReadAString(out var entry))
                {
                    return "a metadata entry";
                }

                entries.Add(new(entry.GetString(), null));
            }
            while (r.TryReadSpace());
        }

        response = new MetadataResponse(mailbox!, entries);
        return null;
    }

    // id-response = "ID" SP id-params-list; id-params-list = "(" *(string SP nstring) ")" / nil
    private static string? ParseId(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace())
        {
            return "SP after ID";
        }

        var fields = new List<KeyValuePair<string, string?>>();
        if (!r.TryReadNil())
        {
            if (!r.TryRead((byte)'('))
            {
                return "( of ID parameters";
            }

            while (!r.TryRead((byte)')'))
            {
                if (!r.TryReadString(out var key) || !r.TryReadSpace() || !r.TryReadNString(out var value))
                {
                    return "an ID field and value";
                }

                fields.Add(new(key.GetString(), value.IsNil ? null : value.GetString()));
                r.TryReadSpace();
            }
        }

        response = new IdResponse(fields);
        return null;
    }
}
