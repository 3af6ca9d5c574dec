using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Imap.Connection;
using Imap.Protocol.Responses;

namespace Imap.Protocol;

/// <summary>
/// The grammar parser: turns one framed response into an <see cref="ImapResponse"/> (RFC 9051 §7, §9; RFC 3501 §7, §9;
/// and the extensions listed per response type). One instance per connection: it interns repeated strings and knows
/// whether UTF-8 mailbox names are in force. Not thread-safe; the connection's reader loop owns it.
/// </summary>
/// <remarks>
/// <para>
/// The core does not throw: it reports <see cref="ParseError"/> so that the caller can skip a malformed response as a
/// unit. A malformed FETCH item that can be skipped is recorded in <see cref="FetchResponse.MalformedItems"/> and the
/// other items survive.
/// </para>
/// <para>
/// The methods that parse FETCH items, envelopes, body structures and their parameters are compiled optimized on
/// first call (<see cref="MethodImplOptions.AggressiveOptimization"/>) rather than through the runtime's tiers: a
/// process's first bulk fetch otherwise runs them as unoptimized code for its first thousands of messages, then pays to
/// recompile them twice (instrumented, then optimized) over its next fetches. Measured in docs/benchmarks.md ("What
/// the first pass pays"): the first pass of 20,000 summaries without TLS costs about 40 % less CPU. The tokenizer,
/// framer and tables are left to the tiers: marking them too cost the warm parser about 9 % (they lose the
/// profile-guided optimization) and gained nothing more on the first pass.
/// </para>
/// </remarks>
internal sealed partial class ResponseParser
{
    private readonly ImapLimits limits;
    private readonly AtomTable atoms = new();
    private readonly ValueCache<FlagSet> flagLists = new();
    private readonly ValueCache<BodyParameters> parameterLists = new();

    public ResponseParser(ImapLimits limits, SessionState session)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(session);
        this.limits = limits;
        Session = session;
    }

    /// <summary>
    /// The connection's session state: whether mailbox names are UTF-8 (UTF8=ACCEPT enabled, RFC 6855, or IMAP4rev2,
    /// RFC 9051 §5.1) rather than modified UTF-7, and where names that do not round-trip are remembered.
    /// </summary>
    public SessionState Session { get; }

    /// <summary>Parses one complete response, CRLF included.</summary>
    public bool TryParse(ReadOnlySequence<byte> frame, out ImapResponse? response, out ParseError error)
    {
        var reader = new ResponseTokenizer(frame);
        response = null;
        error = default;
        string? failure = ParseResponse(ref reader, ref response);
        if (failure is null && !reader.TryReadCrlf())
        {
            failure = "CRLF at the end of the response";
        }

        if (failure is null && !reader.End)
        {
            failure = "nothing after CRLF";
        }

        if (failure is not null)
        {
            response = null;
            error = new ParseError(failure, reader.Consumed);
            return false;
        }

        return true;
    }

    private string? ParseResponse(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (r.TryRead((byte)'+'))
        {
            return ParseContinuation(ref r, ref response);
        }

        if (r.TryRead((byte)'*'))
        {
            return r.TryReadSpace() ? ParseUntagged(ref r, ref response) : "SP after *";
        }

        if (!r.TryReadTag(out var tag) || !r.TryReadSpace())
        {
            return "a tag";
        }

        if (!TryReadCondition(ref r, tagged: true, out var status))
        {
            return "OK, NO or BAD";
        }

        string? failure = ParseRespText(ref r, out var code, out string text);
        long number = OwnTagNumber(tag);
        // Not through the atom table: every tag is new, and would only push out the atoms that do repeat.
        response = number != 0
            ? new TaggedResponse(number, status, code, text)
            : new TaggedResponse(Encoding.ASCII.GetString(tag), status, code, text);
        return failure;
    }

    /// <summary>The number of a tag in the dispatcher's form (<see cref="Dispatch.CommandTag"/>), or 0.</summary>
    private static long OwnTagNumber(ReadOnlySequence<byte> tag)
    {
        if (tag.IsSingleSegment)
        {
            return Dispatch.CommandTag.Parse(tag.FirstSpan);
        }

        if (tag.Length > Dispatch.CommandTag.MaxLength)
        {
            return 0;
        }

        Span<byte> copy = stackalloc byte[Dispatch.CommandTag.MaxLength];
        tag.CopyTo(copy);
        return Dispatch.CommandTag.Parse(copy[..(int)tag.Length]);
    }

    private static string? ParseContinuation(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        // continue-req = "+" SP (resp-text / base64) CRLF; many servers omit the SP when there is no text.
        r.TryReadSpace();
        if (!r.TryReadText(out var text))
        {
            return "text of a continuation request";
        }

        response = new ContinuationResponse(text.IsEmpty ? string.Empty : RawString.Decode(text.ToArray()));
        return null;
    }

    private string? ParseUntagged(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (r.TryPeek(out byte first) && char.IsAsciiDigit((char)first))
        {
            return ParseNumbered(ref r, ref response);
        }

        if (TryReadCondition(ref r, tagged: false, out var status))
        {
            string? failure = ParseRespText(ref r, out var code, out string text);
            response = new StatusResponse(status, code, text);
            return failure;
        }

        Span<byte> scratch = stackalloc byte[32];
        var start = r;
        if (!r.TryReadAtom(out var nameToken))
        {
            return "a response name";
        }

        var name = ContiguousToken.AsSpan(nameToken, scratch);

        switch (name.Length)
        {
            case 4 when Ascii.EqualsIgnoreCase(name, "LIST"u8):
                return ParseList(ref r, isLsub: false, ref response);
            case 4 when Ascii.EqualsIgnoreCase(name, "LSUB"u8):
                return ParseList(ref r, isLsub: true, ref response);
            case 4 when Ascii.EqualsIgnoreCase(name, "SORT"u8):
                return ParseSearch(ref r, isSort: true, ref response);
            case 5 when Ascii.EqualsIgnoreCase(name, "FLAGS"u8):
                return ParseFlagsResponse(ref r, ref response);
            case 6 when Ascii.EqualsIgnoreCase(name, "SEARCH"u8):
                return ParseSearch(ref r, isSort: false, ref response);
            case 6 when Ascii.EqualsIgnoreCase(name, "STATUS"u8):
                return ParseStatus(ref r, ref response);
            case 6 when Ascii.EqualsIgnoreCase(name, "THREAD"u8):
                return ParseThread(ref r, ref response);
            case 2 when Ascii.EqualsIgnoreCase(name, "ID"u8):
                return ParseId(ref r, ref response);
            case 5 when Ascii.EqualsIgnoreCase(name, "QUOTA"u8):
                return ParseQuota(ref r, ref response);
            case 7 when Ascii.EqualsIgnoreCase(name, "ENABLED"u8):
                return ParseCapabilities(ref r, isEnabled: true, ref response);
            case 7 when Ascii.EqualsIgnoreCase(name, "ESEARCH"u8):
                return ParseESearch(ref r, ref response);
            case 8 when Ascii.EqualsIgnoreCase(name, "METADATA"u8):
                return ParseMetadata(ref r, ref response);
            case 8 when Ascii.EqualsIgnoreCase(name, "VANISHED"u8):
                return ParseVanished(ref r, ref response);
            case 9 when Ascii.EqualsIgnoreCase(name, "NAMESPACE"u8):
                return ParseNamespace(ref r, ref response);
            case 9 when Ascii.EqualsIgnoreCase(name, "QUOTAROOT"u8):
                return ParseQuotaRoot(ref r, ref response);
            case 10 when Ascii.EqualsIgnoreCase(name, "CAPABILITY"u8):
                return ParseCapabilities(ref r, isEnabled: false, ref response);
            default:
                return ParseUnknown(ref r, start, nameToken, ref response);
        }
    }

    private string? ParseUnknown(ref ResponseTokenizer r, ResponseTokenizer start, ReadOnlySequence<byte> name, ref ImapResponse? response)
    {
        // Preserve the whole untagged response (without "* " and CRLF) so that nothing is lost; frame boundaries are
        // intact, so any content up to the final CRLF belongs to it. The framer also ends a line at a bare LF, which
        // may follow the name at once: then fewer than the two bytes of a CRLF are left.
        var rest = start.Rest;
        if (r.Remaining < 2)
        {
            return "CRLF";
        }

        var raw = rest.Slice(0, rest.Length - 2);
        r.Skip((int)(r.Remaining - 2));

        // From the token itself, not a keyword-sized copy: a long name cut across buffer segments is kept whole.
        response = new UnknownResponse(atoms.Get(name), raw.ToArray());
        return null;
    }

    private string? ParseNumbered(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadNumber(out uint number) || !r.TryReadSpace())
        {
            return "a message number";
        }

        if (r.TryReadKeyword("EXISTS"u8))
        {
            response = new MessageNumberResponse(MessageNumberKind.Exists, number);
            return null;
        }

        if (r.TryReadKeyword("RECENT"u8))
        {
            response = new MessageNumberResponse(MessageNumberKind.Recent, number);
            return null;
        }

        if (number == 0)
        {
            return "a non-zero message number";
        }

        if (r.TryReadKeyword("EXPUNGE"u8))
        {
            response = new MessageNumberResponse(MessageNumberKind.Expunge, number);
            return null;
        }

        if (r.TryReadKeyword("FETCH"u8))
        {
            if (!r.TryReadSpace() || !r.TryRead((byte)'('))
            {
                return "( after FETCH";
            }

            var fetch = new FetchResponse(number);
            response = fetch;
            var outcome = ParseFetchItems(ref r, fetch, continuation: false, out _, out string? failure);
            return outcome switch
            {
                FetchItemProgress.Complete => null,
                FetchItemProgress.BodyPending => "a body literal inside the response",
                _ => failure,
            };
        }

        return "EXISTS, RECENT, EXPUNGE or FETCH";
    }

    private static bool TryReadCondition(ref ResponseTokenizer r, bool tagged, out ResponseStatus status)
    {
        status = default;
        if (r.TryReadKeyword("OK"u8))
        {
            status = ResponseStatus.Ok;
        }
        else if (r.TryReadKeyword("NO"u8))
        {
            status = ResponseStatus.No;
        }
        else if (r.TryReadKeyword("BAD"u8))
        {
            status = ResponseStatus.Bad;
        }
        else if (!tagged && r.TryReadKeyword("PREAUTH"u8))
        {
            status = ResponseStatus.PreAuth;
        }
        else if (!tagged && r.TryReadKeyword("BYE"u8))
        {
            status = ResponseStatus.Bye;
        }
        else
        {
            return false;
        }

        return true;
    }

    private string? ParseCapabilities(ref ResponseTokenizer r, bool isEnabled, ref ImapResponse? response)
    {
        var list = new List<string>();
        while (r.TryReadSpace())
        {
            if (r.IsNext((byte)'\r'))
            {
                break;
            }

            if (!r.TryReadAtom(out var capability))
            {
                return "a capability";
            }

            list.Add(atoms.Get(capability));
        }

        response = new CapabilityResponse(list, isEnabled);
        return null;
    }

    private string? ParseFlagsResponse(ref ResponseTokenizer r, ref ImapResponse? response)
    {
        if (!r.TryReadSpace() || !TryReadFlagList(ref r, out var flags))
        {
            return "a flag list";
        }

        response = new FlagsResponse(flags);
        return null;
    }

    /// <summary>flag-list = "(" [flag *(SP flag)] ")". Repeated lists are shared (they are immutable).</summary>
    private bool TryReadFlagList(ref ResponseTokenizer r, out FlagSet flags)
    {
        flags = FlagSet.Empty;
        var start = r;
        if (!r.TrySkipValue(1))
        {
            return false;
        }

        var raw = start.Rest.Slice(0, r.Consumed - start.Consumed);
        int hash = -1;
        if (ValueCache<FlagSet>.Accepts(raw.Length) && flagLists.TryGet(raw, out flags, out hash))
        {
            return true;
        }

        r = start;
        if (!r.TryRead((byte)'('))
        {
            return false;
        }

        if (r.TryRead((byte)')'))
        {
            flags = FlagSet.Empty;
            return true;
        }

        var list = new List<string>(4);
        do
        {
            if (!r.TryReadFlag(out var flag))
            {
                return false;
            }

            list.Add(atoms.Get(flag));
        }
        while (r.TryReadSpace());

        if (!r.TryRead((byte)')'))
        {
            return false;
        }

        flags = FlagSet.FromServer(Array.AsReadOnly(list.ToArray()));
        if (hash >= 0)
        {
            flagLists.Set(hash, raw, flags);
        }

        return true;
    }

    private string? ReadMailboxName(ref ResponseTokenizer r, out MailboxName? name, bool listMailbox = false)
    {
        name = null;
        RawString raw;
        if (!(listMailbox ? r.TryReadListMailbox(out raw) : r.TryReadAString(out raw)))
        {
            return "a mailbox name";
        }

        byte[] wire = raw.ToArray();
        name = new MailboxName(DecodeMailboxName(wire), wire);
        return null;
    }

    private string DecodeMailboxName(byte[] wire)
    {
        string? decoded = null;
        // INBOX is case-insensitive (RFC 9051 §5.1); its identity is the canonical spelling.
        if (wire.Length == 5 && Ascii.EqualsIgnoreCase(wire, "INBOX"u8))
        {
            return "INBOX";
        }

        if (Session.Utf8 ? System.Text.Unicode.Utf8.IsValid(wire) : ModifiedUtf7.TryDecode(wire, out decoded))
        {
            return decoded ?? Encoding.UTF8.GetString(wire);
        }

        // Not valid in the encoding in force (raw UTF-8 or Latin-1 from a server that ignores modified UTF-7): shown as
        // best it can be, and remembered so that the name given back is sent as these very bytes.
        string shown = RawString.Decode(wire);
        Session.Names.Remember(shown, wire);
        return shown;
    }

    private static string? ReadNumberList(ref ResponseTokenizer r, List<uint> numbers)
    {
        while (r.TryReadSpace())
        {
            if (r.IsNext((byte)'(') || r.IsNext((byte)'\r'))
            {
                // "(" starts the MODSEQ of RFC 7162; a trailing SP before CRLF is a known server habit.
                break;
            }

            if (!r.TryReadNzNumber(out uint n))
            {
                return "a message number";
            }

            numbers.Add(n);
        }

        return null;
    }
}
