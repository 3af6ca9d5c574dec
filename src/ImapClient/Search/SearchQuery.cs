namespace Imap;

/// <summary>
/// A search criterion (RFC 9051 §6.4.4, RFC 3501 §6.4.4 <c>search-key</c>): immutable, built from the keys below and
/// combined with <c>&amp;</c> (all of), <c>|</c> (OR) and <c>!</c> (NOT). <see cref="ToString"/> gives the IMAP
/// form, for logs.
/// </summary>
/// <remarks>
/// <para>
/// Text is matched as the server does (a case-insensitive substring, RFC 9051 §6.4.4). Non-ASCII text is sent with
/// <c>CHARSET UTF-8</c>, or without a charset once UTF-8 is in force (UTF8=ACCEPT, IMAP4rev2). Dates are written in
/// the IMAP form <c>d-Mon-yyyy</c> with English month names whatever the culture. Text holding NUL is refused where
/// the key is made, with <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Keys from extensions (MODSEQ: CONDSTORE; OLDER, YOUNGER: WITHIN; SAVED*: SAVEDATE; X-GM-RAW: X-GM-EXT-1; <c>$</c>:
/// SEARCHRES; NEW, OLD, RECENT: IMAP4rev1 only) are checked against the server's capabilities before anything is
/// sent: a key the server does not offer fails the call with <see cref="NotSupportedException"/> naming the capability.
/// </para>
/// </remarks>
public abstract partial class SearchQuery : IEquatable<SearchQuery>
{
    private protected SearchQuery()
    {
    }

    /// <summary>ALL: every message (RFC 9051 §6.4.4).</summary>
    public static SearchQuery All { get; } = new Nullary("ALL");

    /// <summary>ANSWERED: messages with <c>\Answered</c>.</summary>
    public static SearchQuery Answered { get; } = new Nullary("ANSWERED", readsFlags: true);

    /// <summary>DELETED: messages with <c>\Deleted</c>.</summary>
    public static SearchQuery Deleted { get; } = new Nullary("DELETED", readsFlags: true);

    /// <summary>DRAFT: messages with <c>\Draft</c>.</summary>
    public static SearchQuery Draft { get; } = new Nullary("DRAFT", readsFlags: true);

    /// <summary>FLAGGED: messages with <c>\Flagged</c>.</summary>
    public static SearchQuery Flagged { get; } = new Nullary("FLAGGED", readsFlags: true);

    /// <summary>SEEN: messages with <c>\Seen</c>.</summary>
    public static SearchQuery Seen { get; } = new Nullary("SEEN", readsFlags: true);

    /// <summary>UNANSWERED: messages without <c>\Answered</c>.</summary>
    public static SearchQuery Unanswered { get; } = new Nullary("UNANSWERED", readsFlags: true);

    /// <summary>UNDELETED: messages without <c>\Deleted</c>.</summary>
    public static SearchQuery Undeleted { get; } = new Nullary("UNDELETED", readsFlags: true);

    /// <summary>UNDRAFT: messages without <c>\Draft</c>.</summary>
    public static SearchQuery Undraft { get; } = new Nullary("UNDRAFT", readsFlags: true);

    /// <summary>UNFLAGGED: messages without <c>\Flagged</c>.</summary>
    public static SearchQuery Unflagged { get; } = new Nullary("UNFLAGGED", readsFlags: true);

    /// <summary>UNSEEN: messages without <c>\Seen</c>.</summary>
    public static SearchQuery Unseen { get; } = new Nullary("UNSEEN", readsFlags: true);

    /// <summary>NEW: <c>\Recent</c> and not <c>\Seen</c> (RFC 3501 §6.4.4; IMAP4rev1 only, removed by RFC 9051).</summary>
    public static SearchQuery New { get; } = new Nullary("NEW", readsFlags: true, capability: "IMAP4rev1");

    /// <summary>OLD: messages without <c>\Recent</c> (RFC 3501 §6.4.4; IMAP4rev1 only).</summary>
    public static SearchQuery Old { get; } = new Nullary("OLD", readsFlags: true, capability: "IMAP4rev1");

    /// <summary>RECENT: messages with <c>\Recent</c> (RFC 3501 §6.4.4; IMAP4rev1 only).</summary>
    public static SearchQuery Recent { get; } = new Nullary("RECENT", readsFlags: true, capability: "IMAP4rev1");

    /// <summary>
    /// <c>$</c>: the messages saved by the last search with <c>RETURN (SAVE)</c> (RFC 5182 §2, RFC 9051 §6.4.4.1);
    /// needs SEARCHRES or IMAP4rev2.
    /// </summary>
    public static SearchQuery SavedResult { get; } = new SequenceKey(SequenceSet.SavedResult);

    /// <summary>
    /// SAVEDATESUPPORTED: every message when the mailbox keeps save dates, else none (RFC 8514 §4.3); needs SAVEDATE.
    /// </summary>
    public static SearchQuery SaveDateSupported { get; } = new Nullary("SAVEDATESUPPORTED", capability: "SAVEDATE");

    /// <summary>Every message that matches both (RFC 9051 §6.4.4: keys side by side).</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery operator &(SearchQuery left, SearchQuery right) => And(left, right);

    /// <summary>OR: every message that matches either (RFC 9051 §6.4.4).</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery operator |(SearchQuery left, SearchQuery right) => Or(left, right);

    /// <summary>NOT: every message that does not match (RFC 9051 §6.4.4).</summary>
    /// <param name="query">The criterion.</param>
    public static SearchQuery operator !(SearchQuery query) => Not(query);

    /// <summary>Whether both queries are the same tree of keys.</summary>
    /// <param name="left">A query, or null.</param>
    /// <param name="right">A query, or null.</param>
    public static bool operator ==(SearchQuery? left, SearchQuery? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether the queries differ.</summary>
    /// <param name="left">A query, or null.</param>
    /// <param name="right">A query, or null.</param>
    public static bool operator !=(SearchQuery? left, SearchQuery? right) => !(left == right);

    /// <summary>Every message that matches both (RFC 9051 §6.4.4); the same as <c>&amp;</c>.</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery And(SearchQuery left, SearchQuery right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AllOf([.. Terms(left), .. Terms(right)]);

        static IEnumerable<SearchQuery> Terms(SearchQuery q) => q is AllOf all ? all.Terms : [q];
    }

    /// <summary>OR (RFC 9051 §6.4.4): every message that matches either; the same as <c>|</c>.</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery Or(SearchQuery left, SearchQuery right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Either(left, right);
    }

    /// <summary>NOT (RFC 9051 §6.4.4): every message that does not match; the same as <c>!</c>.</summary>
    /// <param name="query">The criterion.</param>
    public static SearchQuery Not(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Negation(query);
    }

    /// <summary>Named form of <c>&amp;</c> (CA2225).</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery BitwiseAnd(SearchQuery left, SearchQuery right) => And(left, right);

    /// <summary>Named form of <c>|</c> (CA2225).</summary>
    /// <param name="left">One criterion.</param>
    /// <param name="right">The other.</param>
    public static SearchQuery BitwiseOr(SearchQuery left, SearchQuery right) => Or(left, right);

    /// <summary>Named form of <c>!</c> (CA2225).</summary>
    /// <param name="query">The criterion.</param>
    public static SearchQuery LogicalNot(SearchQuery query) => Not(query);

    /// <summary>BCC: the Bcc header contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery Bcc(string text) => new TextKey("BCC", text);

    /// <summary>BODY: the body contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery Body(string text) => new TextKey("BODY", text);

    /// <summary>CC: the Cc header contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery Cc(string text) => new TextKey("CC", text);

    /// <summary>FROM: the From header contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery From(string text) => new TextKey("FROM", text);

    /// <summary>SUBJECT: the Subject header contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery Subject(string text) => new TextKey("SUBJECT", text);

    /// <summary>TEXT: the header or the body contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery Text(string text) => new TextKey("TEXT", text);

    /// <summary>TO: the To header contains the text (RFC 9051 §6.4.4).</summary>
    /// <param name="text">The text; not NUL.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery To(string text) => new TextKey("TO", text);

    /// <summary>X-GM-RAW: Gmail's own search syntax (Gmail IMAP extensions); needs X-GM-EXT-1.</summary>
    /// <param name="query">A Gmail search, such as <c>has:attachment in:unread</c>.</param>
    /// <exception cref="ArgumentException">The text holds NUL.</exception>
    public static SearchQuery GmailRaw(string query) => new TextKey("X-GM-RAW", query, "X-GM-EXT-1");

    /// <summary>
    /// HEADER: the named header field contains the text; an empty text matches every message that has the field
    /// (RFC 9051 §6.4.4).
    /// </summary>
    /// <param name="field">The field name, such as <c>List-Id</c>.</param>
    /// <param name="text">The text; may be empty.</param>
    /// <exception cref="ArgumentException">The field name is empty or not printable ASCII without ':', or a string holds NUL.</exception>
    public static SearchQuery Header(string field, string text) => new HeaderField(field, text);

    /// <summary>BEFORE: the internal date is earlier than the date (RFC 9051 §6.4.4; time and time zone ignored).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery Before(DateOnly date) => new Dated("BEFORE", date);

    /// <summary>ON: the internal date is within the date (RFC 9051 §6.4.4).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery On(DateOnly date) => new Dated("ON", date);

    /// <summary>SINCE: the internal date is within or later than the date (RFC 9051 §6.4.4).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery Since(DateOnly date) => new Dated("SINCE", date);

    /// <summary>SENTBEFORE: the Date header is earlier than the date (RFC 9051 §6.4.4).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SentBefore(DateOnly date) => new Dated("SENTBEFORE", date);

    /// <summary>SENTON: the Date header is within the date (RFC 9051 §6.4.4).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SentOn(DateOnly date) => new Dated("SENTON", date);

    /// <summary>SENTSINCE: the Date header is within or later than the date (RFC 9051 §6.4.4).</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SentSince(DateOnly date) => new Dated("SENTSINCE", date);

    /// <summary>SAVEDBEFORE: the save date is earlier than the date (RFC 8514 §4.3); needs SAVEDATE.</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SavedBefore(DateOnly date) => new Dated("SAVEDBEFORE", date, "SAVEDATE");

    /// <summary>SAVEDON: the save date is within the date (RFC 8514 §4.3); needs SAVEDATE.</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SavedOn(DateOnly date) => new Dated("SAVEDON", date, "SAVEDATE");

    /// <summary>SAVEDSINCE: the save date is within or later than the date (RFC 8514 §4.3); needs SAVEDATE.</summary>
    /// <param name="date">The date.</param>
    public static SearchQuery SavedSince(DateOnly date) => new Dated("SAVEDSINCE", date, "SAVEDATE");

    /// <summary>
    /// LARGER: RFC822.SIZE is larger than the size (RFC 9051 §6.4.4). Up to 4294967295 for every server (RFC 3501
    /// <c>number</c>); beyond that only under IMAP4rev2 (<c>number64</c>).
    /// </summary>
    /// <param name="size">The size in octets, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public static SearchQuery Larger(long size) => new Sized("LARGER", size);

    /// <summary>SMALLER: RFC822.SIZE is smaller than the size (RFC 9051 §6.4.4); limits as for <see cref="Larger"/>.</summary>
    /// <param name="size">The size in octets, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public static SearchQuery Smaller(long size) => new Sized("SMALLER", size);

    /// <summary>OLDER: the internal date is at least this long ago (RFC 5032 §2); needs WITHIN.</summary>
    /// <param name="interval">Whole seconds, 1 to 4294967295 (a fraction of a second is dropped).</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is below one second or too long.</exception>
    public static SearchQuery Older(TimeSpan interval) => new Within("OLDER", interval);

    /// <summary>YOUNGER: the internal date is at most this long ago (RFC 5032 §2); needs WITHIN.</summary>
    /// <param name="interval">Whole seconds, 1 to 4294967295 (a fraction of a second is dropped).</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is below one second or too long.</exception>
    public static SearchQuery Younger(TimeSpan interval) => new Within("YOUNGER", interval);

    /// <summary>
    /// Messages with the flag (RFC 9051 §6.4.4): a system flag becomes its own key (<c>\Seen</c> → SEEN, <c>\Recent</c>
    /// → RECENT), a keyword becomes KEYWORD.
    /// </summary>
    /// <param name="flag">The flag or keyword.</param>
    /// <exception cref="ArgumentException">The flag is <c>default</c>, or a <c>\</c> flag no search key names.</exception>
    public static SearchQuery Keyword(MessageFlag flag) => FlagKey(flag, set: true);

    /// <summary>
    /// Messages without the flag (RFC 9051 §6.4.4): <c>\Seen</c> → UNSEEN, <c>\Recent</c> → OLD, a keyword →
    /// UNKEYWORD.
    /// </summary>
    /// <param name="flag">The flag or keyword.</param>
    /// <exception cref="ArgumentException">The flag is <c>default</c>, or a <c>\</c> flag no search key names.</exception>
    public static SearchQuery Unkeyword(MessageFlag flag) => FlagKey(flag, set: false);

    /// <summary>UID: the messages with these UIDs (RFC 9051 §6.4.4), or <c>UID $</c> for <see cref="UidSet.SavedResult"/>.</summary>
    /// <param name="uids">The UIDs; not empty.</param>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public static SearchQuery Uids(UidSet uids) => new UidKey(uids);

    /// <summary>
    /// A <c>sequence-set</c> key: the messages with these sequence numbers (RFC 9051 §6.4.4). Sequence numbers shift
    /// as messages are expunged; the command waits while an expunge may be under way (RFC 9051 §5.5).
    /// </summary>
    /// <param name="numbers">The sequence numbers; not empty.</param>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public static SearchQuery SequenceNumbers(SequenceSet numbers) => new SequenceKey(numbers);

    /// <summary>MODSEQ: messages whose mod-sequence is at least the value (RFC 7162 §3.1.5); needs CONDSTORE.</summary>
    /// <param name="modSeq">The mod-sequence, 0 to 9223372036854775807 (<c>mod-sequence-valzer</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is past the 63-bit range.</exception>
    public static SearchQuery ModSeq(ulong modSeq) => new ModSeqKey(modSeq, null, ModSeqEntryType.All);

    /// <summary>
    /// MODSEQ with an entry (RFC 7162 §3.1.5): messages whose flag's metadata changed at or after the mod-sequence,
    /// written <c>MODSEQ "/flags/\\seen" all 620162338</c>; needs CONDSTORE.
    /// </summary>
    /// <param name="modSeq">The mod-sequence, 0 to 9223372036854775807.</param>
    /// <param name="flag">The flag whose metadata is compared.</param>
    /// <param name="entryType">Private, shared or all metadata.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is past the 63-bit range, or the entry type is unknown.</exception>
    /// <exception cref="ArgumentException">The flag is <c>default</c>.</exception>
    public static SearchQuery ModSeq(ulong modSeq, MessageFlag flag, ModSeqEntryType entryType)
    {
        if (flag == default)
        {
            throw new ArgumentException("A MODSEQ entry names a flag (RFC 7162 §3.1.5 entry-flag-name).", nameof(flag));
        }

        return new ModSeqKey(modSeq, flag, entryType);
    }

    /// <summary>Whether the other query is the same tree of keys (AND terms in the same order).</summary>
    /// <param name="other">The other query.</param>
    public abstract bool Equals(SearchQuery? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SearchQuery);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    /// <summary>The IMAP form of the query (RFC 9051 §6.4.4), strings quoted: for logs.</summary>
    public override string ToString()
    {
        var text = new TextSink();
        Write(text);
        return text.ToString();
    }

    /// <summary>Writes the keys, as <c>search-key *(SP search-key)</c> at the top level.</summary>
    internal abstract void Write(ISearchSink sink);

    /// <summary>Checks capabilities and gathers traits; throws <see cref="NotSupportedException"/> for a missing one.</summary>
    internal abstract void Collect(SearchNeeds needs);

    /// <summary>Writes the query as one <c>search-key</c>: a list of keys goes in parentheses.</summary>
    internal virtual void WriteSingle(ISearchSink sink) => Write(sink);

    private static SearchQuery FlagKey(MessageFlag flag, bool set)
    {
        if (flag == default)
        {
            throw new ArgumentException("The flag is default.", nameof(flag));
        }

        if (flag.IsKeyword)
        {
            return new KeywordKey(set ? "KEYWORD" : "UNKEYWORD", flag);
        }

        return (flag.System, set) switch
        {
            (SystemFlag.Seen, true) => Seen,
            (SystemFlag.Seen, false) => Unseen,
            (SystemFlag.Answered, true) => Answered,
            (SystemFlag.Answered, false) => Unanswered,
            (SystemFlag.Flagged, true) => Flagged,
            (SystemFlag.Flagged, false) => Unflagged,
            (SystemFlag.Deleted, true) => Deleted,
            (SystemFlag.Deleted, false) => Undeleted,
            (SystemFlag.Draft, true) => Draft,
            (SystemFlag.Draft, false) => Undraft,
            (SystemFlag.Recent, true) => Recent,
            (SystemFlag.Recent, false) => Old,
            _ => throw new ArgumentException($"No search key names the flag {flag.Name} (RFC 9051 §6.4.4).", nameof(flag)),
        };
    }

    private static void CheckText(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("NUL cannot be sent in any IMAP string (RFC 9051 §9 CHAR8).", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])))
            {
                throw new ArgumentException("The text holds an unpaired surrogate, which has no UTF-8 form.", paramName);
            }
        }
    }
}
