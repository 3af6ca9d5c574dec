using System.Globalization;
using System.Runtime.CompilerServices;

namespace Imap.Protocol;

/// <summary>ENVELOPE and BODYSTRUCTURE (RFC 9051 §7.5.2 <c>envelope</c>, <c>body</c>; RFC 3501 §7.4.2).</summary>
internal sealed partial class ResponseParser
{
    private BodyTables? tables;

    /// <summary>The scratch lists and shared tables for envelopes and body structures, made on first use.</summary>
    private BodyTables Tables => tables ??= new BodyTables();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        long total = TextLength(date) + TextLength(subject) + TextLength(inReplyTo) + TextLength(messageId);
        if (total > Array.MaxLength)
        {
            return "an envelope too large to keep";
        }

        // The four text fields go into one array, one after another (see Envelope); -1 stands for NIL.
        var raw = total == 0 ? [] : new byte[total];
        int offset = 0;
        int dateLength = CopyText(date, raw, ref offset);
        int subjectLength = CopyText(subject, raw, ref offset);
        int inReplyToLength = CopyText(inReplyTo, raw, ref offset);
        int messageIdLength = CopyText(messageId, raw, ref offset);
        envelope = new Envelope(new EnvelopeText(raw, dateLength, subjectLength, inReplyToLength, messageIdLength), from, sender, replyTo, to, cc, bcc);
        return null;

        static long TextLength(RawString value) => value.IsNil ? 0 : value.ValueLength;

        static int CopyText(RawString value, byte[] destination, ref int offset)
        {
            if (value.IsNil)
            {
                return -1;
            }

            int written = value.CopyValueTo(destination.AsSpan(offset));
            offset += written;
            return written;
        }
    }

    private string? ReadEnvelopeAddressList(ref ResponseTokenizer r, ref IReadOnlyList<Address> addresses) =>
        r.TryReadSpace() ? ReadAddressList(ref r, out addresses) : "SP between envelope fields";

    // "(" 1*address ")" / nil; address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")".
    // RFC 5322 groups appear as a start marker (host NIL, mailbox = group name) and an end marker (both NIL).
    // Servers repeat the same addresses (the same correspondents) and the same lists (From = Sender = Reply-To): an
    // address seen before is found by its bytes without being read, and a list of such addresses by their identities.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadAddressList(ref ResponseTokenizer r, out IReadOnlyList<Address> addresses)
    {
        addresses = [];
        if (r.TryReadNil())
        {
            return null;
        }

        if (!r.TryRead((byte)'('))
        {
            return "an address list";
        }

        // Address lists do not nest: the scratch list is this one's alone.
        Tables.AddressScratch.ResetTo(0);
        string? group = null;
        bool allShared = true;
        uint listHash = AddressListTable.EmptyHash;
        long listBytes = 0;
        while (!r.TryRead((byte)')'))
        {
            // Servers differ on whether addresses are separated by SP; accept both.
            r.TryReadSpace();
            var addressStart = r;
            if (!r.TrySkipValue(1))
            {
                Tables.AddressScratch.ResetTo(0);
                return "an address";
            }

            // The group an address belongs to is not in its bytes: only addresses outside a group are shared. A group
            // marker is never kept (its host is NIL), so it is never found here either.
            var raw = addressStart.Rest.Slice(0, r.Consumed - addressStart.Consumed);
            listBytes += raw.Length;
            int hash = -1;
            if (group is null && ValueCache<Address>.Accepts(raw.Length) && Tables.Addresses.TryGet(raw, out var known, out hash))
            {
                Tables.AddressScratch.Add(known);
                listHash = AddressListTable.Mix(listHash, hash);
                continue;
            }

            r = addressStart;
            if (!r.TryRead((byte)'(') || !r.TryReadNString(out var name) || !r.TryReadSpace() || !r.TryReadNString(out var route)
                || !r.TryReadSpace() || !r.TryReadNString(out var mailbox) || !r.TryReadSpace() || !r.TryReadNString(out var host)
                || !r.TryRead((byte)')'))
            {
                Tables.AddressScratch.ResetTo(0);
                return "an address";
            }

            if (host.IsNil)
            {
                group = mailbox.IsNil ? null : mailbox.GetString();
                continue;
            }

            var address = new Address(
                name.IsNil ? null : name.ToArray(),
                route.IsNil ? null : route.GetString(),
                mailbox.IsNil ? null : atoms.Get(mailbox),
                atoms.Get(host),
                group);
            if (hash >= 0)
            {
                Tables.Addresses.Set(hash, raw, address);
                listHash = AddressListTable.Mix(listHash, hash);
            }
            else
            {
                allShared = false;
            }

            Tables.AddressScratch.Add(address);
        }

        // A list holding an address of its own (in a group, or too long to keep) cannot repeat, and a long list is not
        // worth keeping: neither is kept.
        addresses = Tables.AddressScratch.CountSince(0) == 0 ? []
            : allShared && AddressListTable.Accepts(listBytes) ? Tables.AddressLists.Get(Tables.AddressScratch.Since(0), listHash)
            : Array.AsReadOnly(Tables.AddressScratch.Since(0).ToArray());
        Tables.AddressScratch.ResetTo(0);
        return null;
    }

    /// <summary>
    /// body = "(" (body-type-1part / body-type-mpart) ")". Recursion is bounded by
    /// <see cref="ImapLimits.MaxNestingDepth"/>, checked before each level; extension data is skipped iteratively.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadBody(ref ResponseTokenizer r, out BodyPart? part)
    {
        Tables.PartScratch.ResetTo(0);
        string? failure = ReadBody(ref r, out part, string.Empty, isMessageRoot: true, 1);
        Tables.PartScratch.ResetTo(0);
        return failure;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadMultipart(ref ResponseTokenizer r, out BodyPart? part, string section, bool isMessageRoot, int depth)
    {
        part = null;

        // The children gather on the scratch list above this multipart's mark (a child multipart gathers its own above
        // it and takes them before returning); a failure anywhere is cleared by the outermost ReadBody.
        int mark = Tables.PartScratch.Mark;
        while (r.IsNext((byte)'('))
        {
            string? failure = ReadBody(ref r, out var child, ChildSection(section, Tables.PartScratch.CountSince(mark) + 1), isMessageRoot: false, depth + 1);
            if (failure is not null)
            {
                return failure;
            }

            Tables.PartScratch.Add(child!);

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
            // A multipart's parameters hold its boundary, new in every message: not worth caching or interning.
            string? failure = ReadParameters(ref r, out parameters, repeats: false);
            failure ??= ReadExtensionTail(ref r, depth, out disposition, out languages, out location);
            if (failure is not null)
            {
                return failure;
            }
        }

        part = new Multipart(
            Tables.PartScratch.TakeSince(mark),
            Tables.BodyTypes.Get(BodyTypeNames.MultipartType, atoms.GetFolded(subtype), default),
            parameters,
            section,
            BodyPartExtras.Of(null, null, null, disposition, languages, location));
        return null;
    }

    // body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        var names = Tables.BodyTypes.Get(type, subtype, encoding.IsNil ? new FoldedText("7bit", "7BIT") : atoms.GetFolded(encoding));

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

        var extras = BodyPartExtras.Of(
            id.IsNil ? null : id.GetString(),
            description.IsNil ? null : description.GetString(),
            md5,
            disposition,
            languages,
            location);
        part = isText
            ? new TextPart(names, parameters, section, (long)octets, extras, (long)lines)
            : isMessage
                ? new MessagePart(names, parameters, section, (long)octets, extras, envelope, inner, (long)lines)
                : new SinglePart(names, parameters, section, (long)octets, extras);
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

    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil. Repeats are shared, unless the caller
    // knows the list is new every time (repeats: false): then it is neither looked up nor kept, nor are its values
    // interned, where they would only push out atoms that do repeat.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadParameters(ref ResponseTokenizer r, out BodyParameters parameters, bool repeats = true)
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
        if (repeats && ValueCache<BodyParameters>.Accepts(raw.Length) && parameterLists.TryGet(raw, out parameters, out hash))
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

        // Parameter lists do not nest: the scratch list is this one's alone.
        Tables.ParameterScratch.ResetTo(0);
        do
        {
            if (!r.TryReadString(out var name) || !r.TryReadSpace() || !r.TryReadNString(out var value))
            {
                Tables.ParameterScratch.ResetTo(0);
                return "a parameter name and value";
            }

            // Names are case-insensitive (RFC 2045 §5.1): one spelling, so that continuations join whatever the case.
            string text = value.IsNil ? string.Empty : repeats ? atoms.Get(value) : value.GetString();
            Tables.ParameterScratch.Add(new(atoms.GetFolded(name).Lower, text));
        }
        while (r.TryReadSpace());

        if (!r.TryRead((byte)')'))
        {
            Tables.ParameterScratch.ResetTo(0);
            return ") of body-fld-param";
        }

        parameters = new BodyParameters(Tables.ParameterScratch.TakeSince(0));
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
