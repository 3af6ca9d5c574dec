using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>FETCH data items (RFC 9051 §7.5.2 <c>msg-att</c>) and their extensions.</summary>
internal sealed partial class ResponseParser
{
    /// <summary>
    /// Parses a FETCH prefix that ends at the header of a large body literal (the framer's
    /// <see cref="FrameStatus.LargeLiteral"/>): "* n FETCH (" and the items before the body.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FetchItemProgress TryParseFetchPrefix(ReadOnlySequence<byte> segment, out FetchResponse? fetch, out PendingBody body, out ParseError error)
    {
        var r = new ResponseTokenizer(segment);
        fetch = null;
        body = default;
        error = default;
        if (!r.TryRead((byte)'*') || !r.TryReadSpace() || !r.TryReadNzNumber(out uint number) || !r.TryReadSpace()
            || !r.TryReadKeyword("FETCH"u8) || !r.TryReadSpace() || !r.TryRead((byte)'('))
        {
            error = new ParseError("a FETCH response before a large literal", r.Consumed);
            return FetchItemProgress.Malformed;
        }

        fetch = new FetchResponse(number);
        var outcome = ParseFetchItems(ref r, fetch, continuation: false, out body, out string? failure);
        if (outcome == FetchItemProgress.Complete)
        {
            failure = "a large literal in a FETCH body item";
            outcome = FetchItemProgress.Malformed;
        }

        if (outcome == FetchItemProgress.Malformed)
        {
            error = new ParseError(failure ?? "FETCH items", r.Consumed);
        }

        return outcome;
    }

    /// <summary>
    /// Parses the rest of a FETCH response after a streamed body literal: more items, possibly another streamed body,
    /// and finally ")" CRLF.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FetchItemProgress TryParseFetchContinuation(ReadOnlySequence<byte> segment, FetchResponse fetch, out PendingBody body, out ParseError error)
    {
        var r = new ResponseTokenizer(segment);
        error = default;
        var outcome = ParseFetchItems(ref r, fetch, continuation: true, out body, out string? failure);
        if (outcome == FetchItemProgress.Complete && (!r.TryReadCrlf() || !r.End))
        {
            failure = "CRLF at the end of the FETCH response";
            outcome = FetchItemProgress.Malformed;
        }

        if (outcome == FetchItemProgress.Malformed)
        {
            error = new ParseError(failure ?? "FETCH items", r.Consumed);
        }

        return outcome;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FetchItemProgress ParseFetchItems(ref ResponseTokenizer r, FetchResponse fetch, bool continuation, out PendingBody body, out string? failure)
    {
        body = default;
        failure = null;
        bool first = !continuation;
        Span<byte> scratch = stackalloc byte[64];
        while (true)
        {
            if (r.TryRead((byte)')'))
            {
                return FetchItemProgress.Complete;
            }

            if (!first && !r.TryReadSpace())
            {
                failure = "SP or ) between FETCH items";
                return FetchItemProgress.Malformed;
            }

            first = false;
            var itemStart = r;
            if (!r.TryReadItemName(out var nameToken))
            {
                failure = "a FETCH item name";
                return FetchItemProgress.Malformed;
            }

            // A name too long for the scratch copy is no known item, but its text is kept (copied, in this rare case)
            // so that an unknown or damaged item is named alike however the response arrived.
            var name = nameToken.Length <= scratch.Length ? ContiguousToken.AsSpan(nameToken, scratch) : nameToken.ToArray();

            var result = ParseFetchItem(ref r, fetch, name, out body, out failure);
            if (result == ItemResult.Pending)
            {
                return FetchItemProgress.BodyPending;
            }

            if (result == ItemResult.Invalid)
            {
                // Skip just this item: back to its start, over its name and value, and record why it failed.
                string itemName = atoms.Get(name);
                r = itemStart;
                if (!r.TryReadItemName(out _) || !TrySkipItemValue(ref r))
                {
                    failure = $"{itemName}: {failure}";
                    return FetchItemProgress.Malformed;
                }

                (fetch.MalformedItems ??= []).Add($"{itemName}: {failure}");
                failure = null;
            }
        }
    }

    private bool TrySkipItemValue(ref ResponseTokenizer r)
    {
        // Optional [section]<origin> after the name, then SP and one value.
        if (r.TryRead((byte)'['))
        {
            var rest = r.Rest;
            var end = rest.PositionOf((byte)']');
            if (end is null)
            {
                return false;
            }

            r.Skip((int)rest.Slice(0, end.Value).Length + 1);
        }

        if (r.TryRead((byte)'<'))
        {
            if (!r.TryReadNumber(out _) || !r.TryRead((byte)'>'))
            {
                return false;
            }
        }

        return r.TryReadSpace() && r.TrySkipValue(limits.MaxNestingDepth);
    }

    private enum ItemResult
    {
        Ok,
        Invalid,
        Pending,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ItemResult ParseFetchItem(ref ResponseTokenizer r, FetchResponse fetch, scoped ReadOnlySpan<byte> name, out PendingBody body, out string? failure)
    {
        body = default;
        failure = null;

        if (Ascii.EqualsIgnoreCase(name, "BODY"u8) || Ascii.EqualsIgnoreCase(name, "BINARY"u8))
        {
            string item = Ascii.EqualsIgnoreCase(name, "BODY"u8) ? "BODY" : "BINARY";
            if (r.IsNext((byte)'['))
            {
                return ParseBodySection(ref r, fetch, item, out body, out failure);
            }

            if (item == "BINARY")
            {
                failure = "[section] after BINARY";
                return ItemResult.Invalid;
            }

            // BODY without a section: the non-extensible BODYSTRUCTURE.
            if (!r.TryReadSpace())
            {
                failure = "SP after BODY";
                return ItemResult.Invalid;
            }

            failure = ReadBody(ref r, out var nonExtensible);
            if (failure is not null)
            {
                return ItemResult.Invalid;
            }

            fetch.BodyStructure = nonExtensible;
            return ItemResult.Ok;
        }

        if (Ascii.EqualsIgnoreCase(name, "BINARY.SIZE"u8))
        {
            // "BINARY.SIZE" section-binary SP number
            if (!r.TryRead((byte)'[') || !TryReadSectionSpec(ref r, out string sizeSection) || !r.TryReadSpace()
                || !r.TryReadNumber64(out ulong binarySize))
            {
                failure = "[section] SP number";
                return ItemResult.Invalid;
            }

            (fetch.BinarySizes ??= []).Add(new(sizeSection, binarySize));
            return ItemResult.Ok;
        }

        if (!r.TryReadSpace())
        {
            failure = "SP after the item name";
            return ItemResult.Invalid;
        }

        switch (name.Length)
        {
            case 3 when Ascii.EqualsIgnoreCase(name, "UID"u8):
                if (!r.TryReadNzNumber(out uint uid))
                {
                    failure = "a UID";
                    return ItemResult.Invalid;
                }

                fetch.Uid = uid;
                return ItemResult.Ok;

            case 5 when Ascii.EqualsIgnoreCase(name, "FLAGS"u8):
                if (!TryReadFlagList(ref r, out var flags))
                {
                    failure = "a flag list";
                    return ItemResult.Invalid;
                }

                fetch.Flags = flags;
                return ItemResult.Ok;

            case 12 when Ascii.EqualsIgnoreCase(name, "INTERNALDATE"u8):
                if (!r.TryReadDateTime(out var internalDate))
                {
                    failure = "a date-time";
                    return ItemResult.Invalid;
                }

                fetch.InternalDate = internalDate;
                return ItemResult.Ok;

            case 11 when Ascii.EqualsIgnoreCase(name, "RFC822.SIZE"u8):
                if (!r.TryReadNumber64(out ulong size))
                {
                    failure = "a size";
                    return ItemResult.Invalid;
                }

                fetch.Size = size;
                return ItemResult.Ok;

            case 8 when Ascii.EqualsIgnoreCase(name, "ENVELOPE"u8):
                failure = ReadEnvelope(ref r, out var envelope);
                if (failure is not null)
                {
                    return ItemResult.Invalid;
                }

                fetch.Envelope = envelope;
                return ItemResult.Ok;

            case 13 when Ascii.EqualsIgnoreCase(name, "BODYSTRUCTURE"u8):
                failure = ReadBody(ref r, out var structure);
                if (failure is not null)
                {
                    return ItemResult.Invalid;
                }

                fetch.BodyStructure = structure;
                return ItemResult.Ok;

            case 6 when Ascii.EqualsIgnoreCase(name, "MODSEQ"u8):
                if (!r.TryRead((byte)'(') || !r.TryReadNumber64(out ulong modSeq) || !r.TryRead((byte)')'))
                {
                    failure = "(mod-sequence)";
                    return ItemResult.Invalid;
                }

                fetch.ModSeq = modSeq;
                return ItemResult.Ok;

            case 7 when Ascii.EqualsIgnoreCase(name, "EMAILID"u8):
                if (!r.TryRead((byte)'(') || !r.TryReadAtom(out var emailId) || !r.TryRead((byte)')'))
                {
                    failure = "(objectid)";
                    return ItemResult.Invalid;
                }

                fetch.EmailId = atoms.Get(emailId);
                return ItemResult.Ok;

            case 8 when Ascii.EqualsIgnoreCase(name, "THREADID"u8):
                if (r.TryReadNil())
                {
                    fetch.HasThreadIdNil = true;
                    return ItemResult.Ok;
                }

                if (!r.TryRead((byte)'(') || !r.TryReadAtom(out var threadId) || !r.TryRead((byte)')'))
                {
                    failure = "(objectid) or NIL";
                    return ItemResult.Invalid;
                }

                fetch.ThreadId = atoms.Get(threadId);
                return ItemResult.Ok;

            case 8 when Ascii.EqualsIgnoreCase(name, "SAVEDATE"u8):
                if (r.TryReadNil())
                {
                    fetch.HasSaveDateNil = true;
                    return ItemResult.Ok;
                }

                if (!r.TryReadDateTime(out var saveDate))
                {
                    failure = "a date-time or NIL";
                    return ItemResult.Invalid;
                }

                fetch.SaveDate = saveDate;
                return ItemResult.Ok;

            case 7 when Ascii.EqualsIgnoreCase(name, "PREVIEW"u8):
                if (!r.TryReadNString(out var preview))
                {
                    failure = "an nstring";
                    return ItemResult.Invalid;
                }

                fetch.Preview = preview.IsNil ? null : preview.GetString();
                return ItemResult.Ok;

            case 10 when Ascii.EqualsIgnoreCase(name, "X-GM-MSGID"u8):
            case 10 when Ascii.EqualsIgnoreCase(name, "X-GM-THRID"u8):
                if (!r.TryReadNumber64(out ulong gmail))
                {
                    failure = "a 64-bit number";
                    return ItemResult.Invalid;
                }

                if (name[5] is (byte)'M' or (byte)'m')
                {
                    fetch.GmailMessageId = gmail;
                }
                else
                {
                    fetch.GmailThreadId = gmail;
                }

                return ItemResult.Ok;

            case 11 when Ascii.EqualsIgnoreCase(name, "X-GM-LABELS"u8):
                return ParseGmailLabels(ref r, fetch, out failure);

            case 6 when Ascii.EqualsIgnoreCase(name, "RFC822"u8):
                return ParseSectionData(ref r, fetch, "RFC822", string.Empty, null, out body, out failure);

            case 13 when Ascii.EqualsIgnoreCase(name, "RFC822.HEADER"u8):
                return ParseSectionData(ref r, fetch, "BODY", "HEADER", null, out body, out failure);

            case 11 when Ascii.EqualsIgnoreCase(name, "RFC822.TEXT"u8):
                return ParseSectionData(ref r, fetch, "BODY", "TEXT", null, out body, out failure);

            default:
                // An item this library does not know: keep its raw value.
                string itemName = atoms.Get(name);
                var start = r;
                if (!r.TrySkipValue(limits.MaxNestingDepth))
                {
                    failure = "a value";
                    return ItemResult.Invalid;
                }

                var raw = start.Rest.Slice(0, r.Consumed - start.Consumed);
                (fetch.OtherItems ??= []).Add(new(itemName, raw.ToArray()));
                return ItemResult.Ok;
        }
    }

    private ItemResult ParseGmailLabels(ref ResponseTokenizer r, FetchResponse fetch, out string? failure)
    {
        failure = null;
        if (!r.TryRead((byte)'('))
        {
            failure = "( of labels";
            return ItemResult.Invalid;
        }

        var labels = new List<string>();
        while (!r.TryRead((byte)')'))
        {
            if (labels.Count > 0 && !r.TryReadSpace())
            {
                failure = "SP between labels";
                return ItemResult.Invalid;
            }

            // Labels are astrings; system labels come as flags (\Inbox, \Important).
            if (r.IsNext((byte)'\\'))
            {
                if (!r.TryReadFlag(out var flag))
                {
                    failure = "a label";
                    return ItemResult.Invalid;
                }

                labels.Add(atoms.Get(flag));
            }
            else if (r.TryReadAString(out var label))
            {
                labels.Add(label.Kind == StringKind.Atom ? DecodeMailboxName(label.ToArray()) : label.GetString());
            }
            else
            {
                failure = "a label";
                return ItemResult.Invalid;
            }
        }

        fetch.GmailLabels = labels;
        return ItemResult.Ok;
    }

    // "BODY" section ["<" number ">"] SP nstring; "BINARY" section-binary ["<" number ">"] SP (nstring / literal8);
    // "BINARY.SIZE" is a different item, handled by its own name.
    private ItemResult ParseBodySection(ref ResponseTokenizer r, FetchResponse fetch, string item, out PendingBody body, out string? failure)
    {
        body = default;
        failure = null;
        r.Skip(1);
        if (!TryReadSectionSpec(ref r, out string section))
        {
            failure = "a section and ]";
            return ItemResult.Invalid;
        }

        ulong? origin = null;
        if (r.TryRead((byte)'<'))
        {
            if (!r.TryReadNumber(out uint value) || !r.TryRead((byte)'>'))
            {
                failure = "<origin>";
                return ItemResult.Invalid;
            }

            origin = value;
        }

        if (!r.TryReadSpace())
        {
            failure = "SP before the section data";
            return ItemResult.Invalid;
        }

        return ParseSectionData(ref r, fetch, item, section, origin, out body, out failure);
    }

    /// <summary>The section-spec up to and including "]", after "[" was read.</summary>
    private bool TryReadSectionSpec(ref ResponseTokenizer r, out string section)
    {
        section = string.Empty;
        var rest = r.Rest;
        var end = rest.PositionOf((byte)']');
        if (end is null)
        {
            return false;
        }

        var sectionBytes = rest.Slice(0, end.Value);
        if (sectionBytes.PositionOf((byte)'\r') is not null || sectionBytes.PositionOf((byte)0) is not null)
        {
            return false;
        }

        section = atoms.Get(sectionBytes);
        r.Skip((int)sectionBytes.Length + 1);
        return true;
    }

    private static ItemResult ParseSectionData(ref ResponseTokenizer r, FetchResponse fetch, string item, string section, ulong? origin, out PendingBody body, out string? failure)
    {
        body = default;
        failure = null;
        var probe = r;
        probe.TryRead((byte)'~');
        if (probe.TryReadLiteralHeader(out ulong length) && probe.End)
        {
            // The segment ends right after this literal's header: the framer stopped here because the literal is
            // large, and the caller streams it.
            r = probe;
            body = new PendingBody(item, section, origin, (long)length);
            (fetch.Sections ??= []).Add(new FetchBodySection(item, section, origin, null, IsStreamed: true));
            return ItemResult.Pending;
        }

        // Section data is message content, handed over as bytes: a literal may carry NUL (8-bit mail does), unlike
        // the strings the library interprets. A quoted string keeps its rules.
        RawString data;
        bool read = r.IsNext((byte)'"') || r.IsNext((byte)'N') || r.IsNext((byte)'n')
            ? r.TryReadNString(out data)
            : r.TryReadLiteral(out data, allowNul: true);
        if (!read)
        {
            failure = "the section data";
            return ItemResult.Invalid;
        }

        (fetch.Sections ??= []).Add(new FetchBodySection(item, section, origin, data.IsNil ? null : data.ToArray(), IsStreamed: false));
        return ItemResult.Ok;
    }
}
