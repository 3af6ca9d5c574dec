using System.Buffers;

namespace Imap.Protocol;

/// <summary>resp-text and resp-text-code (RFC 9051 §7.1, RFC 5530, RFC 4315, RFC 7162, RFC 8474).</summary>
internal sealed partial class ResponseParser
{
    private string? ParseRespText(ref ResponseTokenizer r, out ResponseCode? code, out string text)
    {
        code = null;
        text = string.Empty;

        // "OK" directly followed by CRLF: servers omit the text although the grammar asks for it.
        if (r.IsNext((byte)'\r'))
        {
            return null;
        }

        if (!r.TryReadSpace())
        {
            return "SP before the response text";
        }

        if (r.TryRead((byte)'['))
        {
            string? failure = ParseResponseCode(ref r, out code);
            if (failure is not null)
            {
                return failure;
            }

            if (!r.TryRead((byte)']'))
            {
                return "] after the response code";
            }

            if (!r.TryReadSpace() && !r.IsNext((byte)'\r'))
            {
                return "SP after the response code";
            }
        }

        if (!r.TryReadText(out var raw))
        {
            return "text without NUL, CR or LF";
        }

        text = raw.IsEmpty ? string.Empty : ResponseTexts.Get(raw);
        return null;
    }

    private string? ParseResponseCode(ref ResponseTokenizer r, out ResponseCode? code)
    {
        code = null;
        Span<byte> scratch = stackalloc byte[32];
        if (!r.TryReadAtom(out var atom))
        {
            return "a response code";
        }

        string name = atoms.Get(atom);
        var kind = atom.Length <= scratch.Length ? Classify(Upper(atom, scratch)) : ResponseCodeKind.Other;
        switch (kind)
        {
            case ResponseCodeKind.Capability:
            case ResponseCodeKind.PermanentFlags:
            case ResponseCodeKind.BadCharset:
                return ParseCodeAtoms(ref r, kind, name, out code);

            case ResponseCodeKind.BadEvent:
                return ParseBadEvent(ref r, name, out code);

            case ResponseCodeKind.UidNext:
            case ResponseCodeKind.UidValidity:
            case ResponseCodeKind.Unseen:
            case ResponseCodeKind.HighestModSeq:
                if (!r.TryReadSpace() || !r.TryReadNumber64(out ulong number))
                {
                    return $"a number after {name}";
                }

                code = new ResponseCode(kind, name) { Number = number };
                return null;

            case ResponseCodeKind.AppendUid:
                // "APPENDUID" SP nz-number SP append-uid (a uid-set with MULTIAPPEND)
                if (!r.TryReadSpace() || !r.TryReadNzNumber(out uint appendValidity) || !r.TryReadSpace()
                    || !TryReadUidSet(ref r, out var appended))
                {
                    return "APPENDUID uidvalidity and UIDs";
                }

                code = new ResponseCode(kind, name) { Number = appendValidity, DestinationSet = appended };
                return null;

            case ResponseCodeKind.CopyUid:
                if (!r.TryReadSpace() || !r.TryReadNzNumber(out uint copyValidity) || !r.TryReadSpace()
                    || !TryReadUidSet(ref r, out var source) || !r.TryReadSpace() || !TryReadUidSet(ref r, out var destination))
                {
                    return "COPYUID uidvalidity, source and destination UIDs";
                }

                code = new ResponseCode(kind, name) { Number = copyValidity, SourceSet = source, DestinationSet = destination };
                return null;

            case ResponseCodeKind.Modified:
                if (!r.TryReadSpace() || !TryReadUidSet(ref r, out var modified))
                {
                    return "MODIFIED set";
                }

                code = new ResponseCode(kind, name) { SourceSet = modified };
                return null;

            case ResponseCodeKind.MailboxId:
                if (!r.TryReadSpace() || !r.TryRead((byte)'(') || !r.TryReadAtom(out var objectId) || !r.TryRead((byte)')'))
                {
                    return "MAILBOXID (objectid)";
                }

                code = new ResponseCode(kind, name) { Argument = atoms.Get(objectId) };
                return null;

            default:
                return ParseOtherCode(ref r, kind, name, out code);
        }
    }

    /// <summary>
    /// BADEVENT (RFC 5465 §5.9): the unsupported event names, in parentheses as the RFC writes them or bare as Dovecot
    /// sends them.
    /// </summary>
    private string? ParseBadEvent(ref ResponseTokenizer r, string name, out ResponseCode? code)
    {
        code = null;
        var list = new List<string>();
        if (r.TryReadSpace())
        {
            bool parenthesized = r.TryRead((byte)'(');
            do
            {
                if (parenthesized && list.Count == 0 && r.TryRead((byte)')'))
                {
                    parenthesized = false;
                    break;
                }

                if (!r.TryReadAtom(out var eventName))
                {
                    return "an event name";
                }

                list.Add(atoms.Get(eventName));
            }
            while (r.TryReadSpace());

            if (parenthesized && !r.TryRead((byte)')'))
            {
                return $") after {name}";
            }
        }

        code = new ResponseCode(ResponseCodeKind.BadEvent, name) { Atoms = list };
        return null;
    }

    private string? ParseCodeAtoms(ref ResponseTokenizer r, ResponseCodeKind kind, string name, out ResponseCode? code)
    {
        code = null;
        var list = new List<string>();
        if (kind == ResponseCodeKind.Capability)
        {
            while (r.TryReadSpace())
            {
                if (!r.TryReadAtom(out var capability))
                {
                    return "a capability";
                }

                list.Add(atoms.Get(capability));
            }
        }
        else if (r.TryReadSpace())
        {
            // PERMANENTFLAGS (flag-perm ...); BADCHARSET (astring ...)
            if (!r.TryRead((byte)'('))
            {
                return $"( after {name}";
            }

            if (!r.TryRead((byte)')'))
            {
                do
                {
                    if (kind == ResponseCodeKind.PermanentFlags)
                    {
                        if (!r.TryReadFlag(out var flag))
                        {
                            return "a flag";
                        }

                        list.Add(atoms.Get(flag));
                    }
                    else
                    {
                        if (!r.TryReadAString(out var charset))
                        {
                            return "a charset";
                        }

                        list.Add(atoms.Get(charset));
                    }
                }
                while (r.TryReadSpace());

                if (!r.TryRead((byte)')'))
                {
                    return $") after {name}";
                }
            }
        }

        code = new ResponseCode(kind, name) { Atoms = list };
        return null;
    }

    private static string? ParseOtherCode(ref ResponseTokenizer r, ResponseCodeKind kind, string name, out ResponseCode? code)
    {
        code = null;
        string? arguments = null;
        if (r.TryReadSpace())
        {
            // atom [SP 1*<any TEXT-CHAR except "]">]
            var rest = r.Rest;
            var end = rest.PositionOf((byte)']');
            if (end is null)
            {
                return "] after the response code";
            }

            var raw = rest.Slice(0, end.Value);
            if (raw.PositionOf((byte)'\r') is not null || raw.PositionOf((byte)'\n') is not null || raw.PositionOf((byte)0) is not null)
            {
                return "response code arguments without CR, LF or NUL";
            }

            arguments = RawString.Decode(raw.ToArray());
            r.Skip((int)raw.Length);
        }

        code = new ResponseCode(kind, name)
        {
            RawArguments = arguments,
            Argument = kind == ResponseCodeKind.Metadata ? arguments : null,
        };
        return null;
    }

    private static bool TryReadUidSet(ref ResponseTokenizer r, out UidSet? set)
    {
        set = null;
        var rest = r.Rest;
        var span = rest.FirstSpan;
        int length = 0;
        while (length < span.Length && IsSetChar(span[length]))
        {
            length++;
        }

        if (length == span.Length && !rest.IsSingleSegment)
        {
            // The set continues in the next segment (a large ESEARCH ALL): measure it, then parse a pooled copy.
            var reader = new SequenceReader<byte>(rest);
            long total = 0;
            while (reader.TryRead(out byte b) && IsSetChar(b))
            {
                total++;
            }

            if (total > int.MaxValue / 2)
            {
                return false;
            }

            byte[] rented = ArrayPool<byte>.Shared.Rent((int)total);
            try
            {
                rest.Slice(0, total).CopyTo(rented);
                if (!UidSet.TryParse(rented.AsSpan(0, (int)total), out var wide))
                {
                    return false;
                }

                set = wide;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            r.Skip((int)total);
            return true;
        }

        if (length == 0 || !UidSet.TryParse(span[..length], out var parsed))
        {
            return false;
        }

        set = parsed;
        r.Skip(length);
        return true;
    }

    private static bool IsSetChar(byte b) => char.IsAsciiDigit((char)b) || b is (byte)':' or (byte)',' or (byte)'*';

    private static ReadOnlySpan<byte> Upper(ReadOnlySequence<byte> atom, Span<byte> scratch)
    {
        atom.CopyTo(scratch);
        var span = scratch[..(int)atom.Length];
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] is >= (byte)'a' and <= (byte)'z')
            {
                span[i] -= 0x20;
            }
        }

        return span;
    }

    private static ResponseCodeKind Classify(ReadOnlySpan<byte> upper) => upper switch
    {
        _ when upper.SequenceEqual("ALERT"u8) => ResponseCodeKind.Alert,
        _ when upper.SequenceEqual("BADCHARSET"u8) => ResponseCodeKind.BadCharset,
        _ when upper.SequenceEqual("CAPABILITY"u8) => ResponseCodeKind.Capability,
        _ when upper.SequenceEqual("PARSE"u8) => ResponseCodeKind.Parse,
        _ when upper.SequenceEqual("PERMANENTFLAGS"u8) => ResponseCodeKind.PermanentFlags,
        _ when upper.SequenceEqual("READ-ONLY"u8) => ResponseCodeKind.ReadOnly,
        _ when upper.SequenceEqual("READ-WRITE"u8) => ResponseCodeKind.ReadWrite,
        _ when upper.SequenceEqual("TRYCREATE"u8) => ResponseCodeKind.TryCreate,
        _ when upper.SequenceEqual("UIDNEXT"u8) => ResponseCodeKind.UidNext,
        _ when upper.SequenceEqual("UIDVALIDITY"u8) => ResponseCodeKind.UidValidity,
        _ when upper.SequenceEqual("UNSEEN"u8) => ResponseCodeKind.Unseen,
        _ when upper.SequenceEqual("APPENDUID"u8) => ResponseCodeKind.AppendUid,
        _ when upper.SequenceEqual("COPYUID"u8) => ResponseCodeKind.CopyUid,
        _ when upper.SequenceEqual("UIDNOTSTICKY"u8) => ResponseCodeKind.UidNotSticky,
        _ when upper.SequenceEqual("HIGHESTMODSEQ"u8) => ResponseCodeKind.HighestModSeq,
        _ when upper.SequenceEqual("NOMODSEQ"u8) => ResponseCodeKind.NoModSeq,
        _ when upper.SequenceEqual("MODIFIED"u8) => ResponseCodeKind.Modified,
        _ when upper.SequenceEqual("CLOSED"u8) => ResponseCodeKind.Closed,
        _ when upper.SequenceEqual("ALREADYEXISTS"u8) => ResponseCodeKind.AlreadyExists,
        _ when upper.SequenceEqual("NONEXISTENT"u8) => ResponseCodeKind.Nonexistent,
        _ when upper.SequenceEqual("AUTHENTICATIONFAILED"u8) => ResponseCodeKind.AuthenticationFailed,
        _ when upper.SequenceEqual("AUTHORIZATIONFAILED"u8) => ResponseCodeKind.AuthorizationFailed,
        _ when upper.SequenceEqual("EXPIRED"u8) => ResponseCodeKind.Expired,
        _ when upper.SequenceEqual("PRIVACYREQUIRED"u8) => ResponseCodeKind.PrivacyRequired,
        _ when upper.SequenceEqual("CONTACTADMIN"u8) => ResponseCodeKind.ContactAdmin,
        _ when upper.SequenceEqual("NOPERM"u8) => ResponseCodeKind.NoPerm,
        _ when upper.SequenceEqual("INUSE"u8) => ResponseCodeKind.InUse,
        _ when upper.SequenceEqual("EXPUNGEISSUED"u8) => ResponseCodeKind.ExpungeIssued,
        _ when upper.SequenceEqual("CORRUPTION"u8) => ResponseCodeKind.Corruption,
        _ when upper.SequenceEqual("SERVERBUG"u8) => ResponseCodeKind.ServerBug,
        _ when upper.SequenceEqual("CLIENTBUG"u8) => ResponseCodeKind.ClientBug,
        _ when upper.SequenceEqual("CANNOT"u8) => ResponseCodeKind.CannotDo,
        _ when upper.SequenceEqual("LIMIT"u8) => ResponseCodeKind.Limit,
        _ when upper.SequenceEqual("OVERQUOTA"u8) => ResponseCodeKind.OverQuota,
        _ when upper.SequenceEqual("UNAVAILABLE"u8) => ResponseCodeKind.Unavailable,
        _ when upper.SequenceEqual("HASCHILDREN"u8) => ResponseCodeKind.HasChildren,
        _ when upper.SequenceEqual("UNKNOWN-CTE"u8) => ResponseCodeKind.UnknownCte,
        _ when upper.SequenceEqual("NOTSAVED"u8) => ResponseCodeKind.NotSaved,
        _ when upper.SequenceEqual("MAILBOXID"u8) => ResponseCodeKind.MailboxId,
        _ when upper.SequenceEqual("USEATTR"u8) => ResponseCodeKind.UseAttr,
        _ when upper.SequenceEqual("COMPRESSIONACTIVE"u8) => ResponseCodeKind.CompressionActive,
        _ when upper.SequenceEqual("METADATA"u8) => ResponseCodeKind.Metadata,
        _ when upper.SequenceEqual("BADCOMPARATOR"u8) => ResponseCodeKind.BadComparator,
        _ when upper.SequenceEqual("ANNOTATE"u8) => ResponseCodeKind.Annotate,
        _ when upper.SequenceEqual("ANNOTATIONS"u8) => ResponseCodeKind.Annotations,
        _ when upper.SequenceEqual("URLMECH"u8) => ResponseCodeKind.UrlMech,
        _ when upper.SequenceEqual("BADURL"u8) => ResponseCodeKind.BadUrl,
        _ when upper.SequenceEqual("TOOBIG"u8) => ResponseCodeKind.TooBig,
        _ when upper.SequenceEqual("NOTIFICATIONOVERFLOW"u8) => ResponseCodeKind.NotificationOverflow,
        _ when upper.SequenceEqual("BADEVENT"u8) => ResponseCodeKind.BadEvent,
        _ when upper.SequenceEqual("REFERRAL"u8) => ResponseCodeKind.Referral,
        _ => ResponseCodeKind.Other,
    };
}
