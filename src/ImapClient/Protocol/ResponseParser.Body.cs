using System.Globalization;

namespace Imap.Protocol;

/// <summary>ENVELOPE and BODYSTRUCTURE (RFC 9051 §7.5.2 <c>envelope</c>, <c>body</c>; RFC 3501 §7.4.2).</summary>
internal sealed partial class ResponseParser
{
    private string? ReadEnvelope(ref ResponseTokenizer r, out Envelope? envelope)
    {
        envelope = null;
        if (!r.TryRead((byte)'(') || !r.TryReadNString(out var date) || !r.TryReadSpace() || !r.TryReadNString(out var subject))
        {
            return "envelope date and subject";
        }

        // From, Sender, Reply-To, To, Cc, Bcc: read into locals, not a temporary array (one per message).
        IReadOnlyList<Address> from = [], sender = [], replyTo = [], to = [], cc = [], bcc = [];
        string? failure = ReadEnvelopeAddressList(ref r, ref from) ?? ReadEnvelopeAddressList(ref r, ref sender)
            ?? ReadEnvelopeAddressList(ref r, ref replyTo) ?? ReadEnvelopeAddressList(ref r, ref to)
            ?? ReadEnvelopeAddressList(ref r, ref cc) ?? ReadEnvelopeAddressList(ref r, ref bcc);
        if (failure is not null)
        {
            return failure;
        }

        if (!r.TryReadSpace() || !r.TryReadNString(out var inReplyTo) || !r.TryReadSpace() || !r.TryReadNString(out var messageId)
            || !r.TryRead((byte)')'))
        {
            return "envelope in-reply-to and message-id";
        }

        envelope = new Envelope(
            date.IsNil ? null : date.ToArray(),
            subject.IsNil ? null : subject.ToArray(),
            from,
            sender,
            replyTo,
            to,
            cc,
            bcc,
            inReplyTo.IsNil ? null : inReplyTo.GetString(),
            messageId.IsNil ? null : messageId.GetString());
        return null;
    }

    private string? ReadEnvelopeAddressList(ref ResponseTokenizer r, ref IReadOnlyList<Address> addresses) =>
        r.TryReadSpace() ? ReadAddressList(ref r, out addresses) : "SP between envelope fields";

    // "(" 1*address ")" / nil; address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")".
    // RFC 5322 groups appear as a start marker (host NIL, mailbox = group name) and an end marker (both NIL).
    // Servers repeat the same list (From = Sender = Reply-To, the same correspondents): repeats are shared.
    private string? ReadAddressList(ref ResponseTokenizer r, out IReadOnlyList<Address> addresses)
    {
        addresses = [];
        if (r.TryReadNil())
        {
            return null;
        }

        var start = r;
        if (!r.TrySkipValue(2))
        {
            return "an address list";
        }

        var raw = start.Rest.Slice(0, r.Consumed - start.Consumed);
        int hash = -1;
        if (ValueCache<IReadOnlyList<Address>>.Accepts(raw.Length) && addressLists.TryGet(raw, out addresses, out hash))
        {
            return null;
        }

        r = start;
        if (!r.TryRead((byte)'('))
        {
            return "an address list";
        }

        var list = new List<Address>(1);
        string? group = null;
        while (!r.TryRead((byte)')'))
        {
            // Servers differ on whether addresses are separated by SP; accept both.
            r.TryReadSpace();
            if (!r.TryRead((byte)'(') || !r.TryReadNString(out var name) || !r.TryReadSpace() || !r.TryReadNString(out var route)
                || !r.TryReadSpace() || !r.TryReadNString(out var mailbox) || !r.TryReadSpace() || !r.TryReadNString(out var host)
                || !r.TryRead((byte)')'))
            {
                return "an address";
            }

            if (host.IsNil)
            {
                group = mailbox.IsNil ? null : mailbox.GetString();
                continue;
            }

            list.Add(new Address(
                name.IsNil ? null : name.ToArray(),
                route.IsNil ? null : route.GetString(),
                mailbox.IsNil ? null : atoms.Get(mailbox),
                atoms.Get(host),
                group));
        }

        addresses = Array.AsReadOnly(list.ToArray());
        if (hash >= 0)
        {
            addressLists.Set(hash, raw, addresses);
        }

        return null;
    }

    /// <summary>
    /// body = "(" (body-type-1part / body-type-mpart) ")". Recursion is bounded by
    /// <see cref="ImapLimits.MaxNestingDepth"/>, checked before each level; extension data is skipped iteratively.
    /// </summary>
    private string? ReadBody(ref ResponseTokenizer r, out BodyPart? part) => ReadBody(ref r, out part, string.Empty, isMessageRoot: true, 1);

    private string? ReadBody(ref ResponseTokenizer r, out BodyPart? part, string section, bool isMessageRoot, int depth)
    {
        part = null;
        if (depth > limits.MaxNestingDepth)
        {
            return "BODYSTRUCTURE nested deeper than the limit";
        }

        if (!r.TryRead((byte)'('))
        {
            return "( of a body";
        }

        string? failure = r.IsNext((byte)'(')
            ? ReadMultipart(ref r, out part, section, isMessageRoot, depth)
            : ReadSinglePart(ref r, out part, isMessageRoot ? ChildSection(section, 1) : section, depth);
        if (failure is not null)
        {
            return failure;
        }

        return r.TryRead((byte)')') ? null : ") of a body";
    }

    // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
    private string? ReadMultipart(ref ResponseTokenizer r, out BodyPart? part, string section, bool isMessageRoot, int depth)
    {
        part = null;
        var parts = new List<BodyPart>(2);
        while (r.IsNext((byte)'('))
        {
            string? failure = ReadBody(ref r, out var child, ChildSection(section, parts.Count + 1), isMessageRoot: false, depth + 1);
            if (failure is not null)
            {
                return failure;
            }

            parts.Add(child!);

            // Some servers separate the parts with SP; the grammar does not.
            if (r.IsNext((byte)' '))
            {
                var probe = r;
                probe.Skip(1);
                if (probe.IsNext((byte)'('))
                {
                    r = probe;
                }
            }
        }

        if (!r.TryReadSpace() || !r.TryReadString(out var subtype))
        {
            return "a multipart subtype";
        }

        var parameters = BodyParameters.Empty;
        ContentDisposition? disposition = null;
        IReadOnlyList<string> languages = [];
        string? location = null;
        if (r.TryReadSpace())
        {
            string? failure = ReadParameters(ref r, out parameters);
            failure ??= ReadExtensionTail(ref r, depth, out disposition, out languages, out location);
            if (failure is not null)
            {
                return failure;
            }
        }

        part = new Multipart(parts, atoms.GetFolded(subtype), parameters, section)
        {
            Disposition = disposition,
            Languages = languages,
            Location = location,
        };
        return null;
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]
    private string? ReadSinglePart(ref ResponseTokenizer r, out BodyPart? part, string section, int depth)
    {
        part = null;
        if (!r.TryReadString(out var typeRaw) || !r.TryReadSpace() || !r.TryReadString(out var subtypeRaw) || !r.TryReadSpace())
        {
            return "a media type and subtype";
        }

        var type = atoms.GetFolded(typeRaw);
        var subtype = atoms.GetFolded(subtypeRaw);
        string? failure = ReadParameters(ref r, out var parameters);
        if (failure is not null)
        {
            return failure;
        }

        // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
        if (!r.TryReadSpace() || !r.TryReadNString(out var id) || !r.TryReadSpace() || !r.TryReadNString(out var description)
            || !r.TryReadSpace() || !r.TryReadNString(out var encoding) || !r.TryReadSpace() || !r.TryReadNumber64(out ulong octets))
        {
            return "body fields";
        }

        var fields = new SinglePartFields(
            id.IsNil ? null : id.GetString(),
            description.IsNil ? null : description.GetString(),
            encoding.IsNil ? new FoldedText("7bit", "7BIT") : atoms.GetFolded(encoding),
            (long)octets);

        bool isText = type.Lower == "text";
        bool isMessage = type.Lower == "message" && subtype.Lower is "rfc822" or "global";

        Envelope? envelope = null;
        BodyPart? inner = null;
        ulong lines = 0;
        if (isMessage)
        {
            // body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines
            if (!r.TryReadSpace())
            {
                return "SP before the encapsulated envelope";
            }

            failure = ReadEnvelope(ref r, out envelope);
            if (failure is not null)
            {
                return failure;
            }

            if (!r.TryReadSpace())
            {
                return "SP before the encapsulated body";
            }

            failure = ReadBody(ref r, out inner, section, isMessageRoot: true, depth + 1);
            if (failure is not null)
            {
                return failure;
            }
        }

        if ((isText || isMessage) && (!r.TryReadSpace() || !r.TryReadNumber64(out lines)))
        {
            return "body-fld-lines";
        }

        string? md5 = null;
        ContentDisposition? disposition = null;
        IReadOnlyList<string> languages = [];
        string? location = null;
        if (r.TryReadSpace())
        {
            // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
            if (!r.TryReadNString(out var md5Raw))
            {
                return "body-fld-md5";
            }

            md5 = md5Raw.IsNil ? null : md5Raw.GetString();
            failure = ReadExtensionTail(ref r, depth, out disposition, out languages, out location);
            if (failure is not null)
            {
                return failure;
            }
        }

        part = isText
            ? new TextPart(type, subtype, parameters, section, fields, (long)lines) { Md5 = md5, Disposition = disposition, Languages = languages, Location = location }
            : isMessage
                ? new MessagePart(type, subtype, parameters, section, fields, envelope, inner, (long)lines) { Md5 = md5, Disposition = disposition, Languages = languages, Location = location }
                : new SinglePart(type, subtype, parameters, section, fields) { Md5 = md5, Disposition = disposition, Languages = languages, Location = location };
        return null;
    }

    // [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
    private string? ReadExtensionTail(ref ResponseTokenizer r, int depth, out ContentDisposition? disposition, out IReadOnlyList<string> languages, out string? location)
    {
        disposition = null;
        languages = [];
        location = null;
        if (!r.TryReadSpace())
        {
            return null;
        }

        // body-fld-dsp = "(" string SP body-fld-param ")" / nil
        if (!r.TryReadNil())
        {
            if (!r.TryRead((byte)'(') || !r.TryReadString(out var dispositionType) || !r.TryReadSpace())
            {
                return "body-fld-dsp";
            }

            string? failure = ReadParameters(ref r, out var dispositionParameters);
            if (failure is not null)
            {
                return failure;
            }

            if (!r.TryRead((byte)')'))
            {
                return ") of body-fld-dsp";
            }

            disposition = new ContentDisposition(atoms.GetFolded(dispositionType), dispositionParameters);
        }

        if (!r.TryReadSpace())
        {
            return null;
        }

        // body-fld-lang = nstring / "(" string *(SP string) ")"
        if (r.TryRead((byte)'('))
        {
            var list = new List<string>(1);
            do
            {
                if (!r.TryReadString(out var language))
                {
                    return "a language";
                }

                list.Add(atoms.Get(language));
            }
            while (r.TryReadSpace());

            if (!r.TryRead((byte)')'))
            {
                return ") of body-fld-lang";
            }

            languages = list;
        }
        else
        {
            if (!r.TryReadNString(out var language))
            {
                return "body-fld-lang";
            }

            if (!language.IsNil)
            {
                languages = [atoms.Get(language)];
            }
        }

        if (!r.TryReadSpace())
        {
            return null;
        }

        if (!r.TryReadNString(out var locationRaw))
        {
            return "body-fld-loc";
        }

        location = locationRaw.IsNil ? null : locationRaw.GetString();

        // *(SP body-extension): future extension data, skipped without recursion.
        while (r.TryReadSpace())
        {
            if (!r.TrySkipValue(Math.Max(1, limits.MaxNestingDepth - depth)))
            {
                return "body-extension";
            }
        }

        return null;
    }

    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil. Repeats are shared.
    private string? ReadParameters(ref ResponseTokenizer r, out BodyParameters parameters)
    {
        parameters = BodyParameters.Empty;
        if (r.TryReadNil())
        {
            return null;
        }

        var start = r;
        if (!r.TrySkipValue(1))
        {
            return "body-fld-param";
        }

        var raw = start.Rest.Slice(0, r.Consumed - start.Consumed);
        int hash = -1;
        if (ValueCache<BodyParameters>.Accepts(raw.Length) && parameterLists.TryGet(raw, out parameters, out hash))
        {
            return null;
        }

        r = start;
        if (!r.TryRead((byte)'('))
        {
            return "body-fld-param";
        }

        // "()" is not in the grammar, but servers send it for "no parameters".
        if (r.TryRead((byte)')'))
        {
            parameters = BodyParameters.Empty;
            return null;
        }

        var list = new List<KeyValuePair<string, string>>(2);
        do
        {
            if (!r.TryReadString(out var name) || !r.TryReadSpace() || !r.TryReadNString(out var value))
            {
                return "a parameter name and value";
            }

            // Names are case-insensitive (RFC 2045 §5.1): one spelling, so that continuations join whatever the case.
            list.Add(new(atoms.GetFolded(name).Lower, value.IsNil ? string.Empty : atoms.Get(value)));
        }
        while (r.TryReadSpace());

        if (!r.TryRead((byte)')'))
        {
            return ") of body-fld-param";
        }

        parameters = new BodyParameters([.. list]);
        if (hash >= 0)
        {
            parameterLists.Set(hash, raw, parameters);
        }

        return null;
    }

    private string ChildSection(string parent, int index)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (parent.Length + 11 > buffer.Length)
        {
            return parent.Length == 0
                ? index.ToString(CultureInfo.InvariantCulture)
                : string.Concat(parent, ".", index.ToString(CultureInfo.InvariantCulture));
        }

        int written = 0;
        foreach (char c in parent)
        {
            buffer[written++] = (byte)c;
        }

        if (parent.Length > 0)
        {
            buffer[written++] = (byte)'.';
        }

        index.TryFormat(buffer[written..], out int digits, provider: CultureInfo.InvariantCulture);
        return atoms.Get(buffer[..(written + digits)]);
    }
}
