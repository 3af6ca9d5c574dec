using System.Text;

namespace Imap.Protocol;

/// <summary>
/// Atoms that nearly every server sends on every connection (capability names, system flags, MIME types, encodings and
/// parameter names, response code names), shared by all connections of the process: a connection that meets one takes
/// this string instead of allocating and keeping its own copy (<see cref="AtomTable"/>). Read-only after the type is
/// initialised; looked up by the same hash as the per-connection table, without allocating.
/// </summary>
internal static class WellKnownAtoms
{
    private const int Slots = 1024;

    private static readonly string?[] Table = Build(
    [
        // Capabilities (RFC 9051 and the extensions Dovecot, Cyrus, Courier and the large providers announce).
        "IMAP4rev1", "IMAP4rev2", "IMAP4", "STARTTLS", "LOGINDISABLED", "SASL-IR", "LOGIN-REFERRALS", "MAILBOX-REFERRALS",
        "ID", "ENABLE", "IDLE", "SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=REFS", "THREAD=ORDEREDSUBJECT",
        "MULTIAPPEND", "URL-PARTIAL", "CATENATE", "UNSELECT", "CHILDREN", "NAMESPACE", "UIDPLUS", "LIST-EXTENDED",
        "I18NLEVEL=1", "CONDSTORE", "QRESYNC", "ESEARCH", "ESORT", "SEARCHRES", "WITHIN", "CONTEXT=SEARCH", "LIST-STATUS",
        "BINARY", "MOVE", "SNIPPET=FUZZY", "PREVIEW=FUZZY", "PREVIEW", "STATUS=SIZE", "SAVEDATE", "LITERAL+", "LITERAL-",
        "NOTIFY", "SPECIAL-USE", "CREATE-SPECIAL-USE", "QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE", "METADATA",
        "METADATA-SERVER", "COMPRESS=DEFLATE", "UTF8=ACCEPT", "UTF8=ONLY", "APPENDLIMIT", "OBJECTID", "ACL", "RIGHTS=texk",
        "X-GM-EXT-1", "XLIST", "XYMHIGHESTMODSEQ", "UIDONLY", "REPLACE", "ANNOTATEMORE", "LIST-MYRIGHTS",
        "AUTH=PLAIN", "AUTH=LOGIN", "AUTH=SCRAM-SHA-1", "AUTH=SCRAM-SHA-256", "AUTH=SCRAM-SHA-1-PLUS",
        "AUTH=SCRAM-SHA-256-PLUS", "AUTH=XOAUTH2", "AUTH=OAUTHBEARER", "AUTH=CRAM-MD5", "AUTH=DIGEST-MD5", "AUTH=EXTERNAL",
        "AUTH=GSSAPI", "AUTH=ANONYMOUS",

        // Flags and the keywords most clients set (RFC 9051 §2.3.2, RFC 5788 registry).
        "\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent", "\\*", "$Forwarded", "$MDNSent", "$Junk",
        "$NotJunk", "$Phishing", "$Important", "$Label1", "$Label2", "$Label3", "$Label4", "$Label5", "NonJunk", "Junk",

        // Mailbox attributes (RFC 9051 §7.3.1, RFC 6154).
        "\\Noinferiors", "\\Noselect", "\\NonExistent", "\\HasChildren", "\\HasNoChildren", "\\Marked", "\\Unmarked",
        "\\Subscribed", "\\Remote", "\\All", "\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash", "\\Important",

        // Fetch and status items, response code names.
        "FETCH", "UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY", "MODSEQ", "EXISTS",
        "RECENT", "EXPUNGE", "MESSAGES", "UNSEEN", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ", "SIZE", "CAPABILITY",
        "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE", "TRYCREATE", "ALERT", "APPENDUID", "COPYUID", "NOMODSEQ", "CLOSED",
        "OK", "NO", "BAD", "BYE", "PREAUTH", "LIST", "LSUB", "STATUS", "SEARCH", "ENABLED", "VANISHED", "EARLIER",

        // MIME types, subtypes, encodings, parameter and disposition names, in the case servers send them.
        "text", "plain", "html", "multipart", "mixed", "alternative", "related", "signed", "encrypted", "report",
        "message", "rfc822", "delivery-status", "application", "octet-stream", "pdf", "pgp-signature", "pkcs7-signature",
        "image", "png", "jpeg", "gif", "charset", "utf-8", "UTF-8", "us-ascii", "US-ASCII", "iso-8859-1", "ISO-8859-1",
        "boundary", "name", "filename", "format", "flowed", "delsp", "7bit", "8bit", "binary", "base64", "quoted-printable",
        "7BIT", "8BIT", "BASE64", "QUOTED-PRINTABLE", "attachment", "inline", "TEXT", "PLAIN", "HTML", "MULTIPART",
        "MIXED", "ALTERNATIVE", "RELATED", "APPLICATION", "MESSAGE", "RFC822", "CHARSET", "BOUNDARY", "NAME", "FILENAME",
    ]);

    /// <summary>The shared string for <paramref name="bytes"/>, whose FNV-1a hash is <paramref name="hash"/>, or null.</summary>
    public static string? Find(ReadOnlySpan<byte> bytes, uint hash)
    {
        string? known = Table[hash & (Slots - 1)];
        return known is not null && known.Length == bytes.Length && Ascii.Equals(bytes, known) ? known : null;
    }

    private static string?[] Build(string[] atoms)
    {
        var table = new string?[Slots];
        foreach (string atom in atoms)
        {
            uint hash = 2166136261;
            foreach (char c in atom)
            {
                hash = (hash ^ c) * 16777619;
            }

            // First one wins a shared slot; the other is simply not shared (the per-connection table still has it).
            table[hash & (Slots - 1)] ??= atom;
        }

        return table;
    }
}
