using System.Globalization;
using System.Text;

namespace Imap;

/// <summary>The kinds of search key (RFC 9051 §6.4.4, §9 <c>search-key</c>), each a small immutable node.</summary>
public abstract partial class SearchQuery
{
    /// <summary>A key without argument: ALL, SEEN, UNSEEN, NEW ...</summary>
    private sealed class Nullary(string key, bool readsFlags = false, string? capability = null) : SearchQuery
    {
        public override bool Equals(SearchQuery? other) => other is Nullary n && n.Key == Key;

        public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

        private string Key => key;

        internal override void Write(ISearchSink sink) => sink.Atom(key);

        internal override void Collect(SearchNeeds needs)
        {
            if (capability is not null)
            {
                needs.Require(capability, key);
            }

            needs.ReadsFlags |= readsFlags;
        }
    }

    /// <summary>A key with a string: BCC, BODY, CC, FROM, SUBJECT, TEXT, TO, X-GM-RAW.</summary>
    private sealed class TextKey : SearchQuery
    {
        private readonly string key;
        private readonly string value;
        private readonly string? capability;

        public TextKey(string key, string value, string? capability = null)
        {
            CheckText(value, nameof(value));
            this.key = key;
            this.value = value;
            this.capability = capability;
        }

        public override bool Equals(SearchQuery? other) => other is TextKey t && t.key == key && t.value == value;

        public override int GetHashCode() => HashCode.Combine(key, value);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom(key);
            sink.Space();
            sink.Astring(value);
        }

        internal override void Collect(SearchNeeds needs)
        {
            if (capability is not null)
            {
                needs.Require(capability, key);
            }

            needs.HasNonAscii |= !Ascii.IsValid(value);
        }
    }

    /// <summary>HEADER field-name string.</summary>
    private sealed class HeaderField : SearchQuery
    {
        private readonly string field;
        private readonly string value;

        public HeaderField(string field, string value)
        {
            ArgumentNullException.ThrowIfNull(field);
            // RFC 5322 §2.2 field-name: printable ASCII except ":".
            if (field.Length == 0 || field.Any(static c => c is < '!' or > '~' or ':'))
            {
                throw new ArgumentException("A header field name is printable ASCII without ':' (RFC 5322 §2.2).", nameof(field));
            }

            CheckText(value, nameof(value));
            this.field = field;
            this.value = value;
        }

        public override bool Equals(SearchQuery? other) =>
            other is HeaderField h && string.Equals(h.field, field, StringComparison.OrdinalIgnoreCase) && h.value == value;

        public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(field), value);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom("HEADER");
            sink.Space();
            sink.Astring(field);
            sink.Space();
            sink.Astring(value);
        }

        internal override void Collect(SearchNeeds needs) => needs.HasNonAscii |= !Ascii.IsValid(value);
    }

    /// <summary>A key with a date: BEFORE, ON, SINCE, SENT*, SAVED*.</summary>
    private sealed class Dated(string key, DateOnly date, string? capability = null) : SearchQuery
    {
        private string Key => key;

        private DateOnly Date => date;

        public override bool Equals(SearchQuery? other) => other is Dated d && d.Key == key && d.Date == date;

        public override int GetHashCode() => HashCode.Combine(key, date);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom(key);
            sink.Space();
            sink.Date(date);
        }

        internal override void Collect(SearchNeeds needs)
        {
            if (capability is not null)
            {
                needs.Require(capability, key);
            }
        }
    }

    /// <summary>LARGER or SMALLER.</summary>
    private sealed class Sized : SearchQuery
    {
        private readonly string key;
        private readonly long size;

        public Sized(string key, long size)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size);
            this.key = key;
            this.size = size;
        }

        public override bool Equals(SearchQuery? other) => other is Sized s && s.key == key && s.size == size;

        public override int GetHashCode() => HashCode.Combine(key, size);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom(key);
            sink.Space();
            sink.Number((ulong)size);
        }

        internal override void Collect(SearchNeeds needs)
        {
            // RFC 3501 takes a 32-bit number here; RFC 9051 a number64.
            if (size > uint.MaxValue)
            {
                needs.Require("IMAP4rev2", key + " " + size.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>OLDER or YOUNGER (RFC 5032).</summary>
    private sealed class Within : SearchQuery
    {
        private readonly string key;
        private readonly uint seconds;

        public Within(string key, TimeSpan interval)
        {
            double total = Math.Floor(interval.TotalSeconds);
            if (total is < 1 or > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), interval, "OLDER and YOUNGER take 1 to 4294967295 seconds (RFC 5032 §4).");
            }

            this.key = key;
            seconds = (uint)total;
        }

        public override bool Equals(SearchQuery? other) => other is Within w && w.key == key && w.seconds == seconds;

        public override int GetHashCode() => HashCode.Combine(key, seconds);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom(key);
            sink.Space();
            sink.Number(seconds);
        }

        internal override void Collect(SearchNeeds needs) => needs.Require("WITHIN", key);
    }

    /// <summary>KEYWORD or UNKEYWORD with a keyword atom.</summary>
    private sealed class KeywordKey(string key, MessageFlag flag) : SearchQuery
    {
        private string Key => key;

        private MessageFlag Flag => flag;

        public override bool Equals(SearchQuery? other) => other is KeywordKey k && k.Key == key && k.Flag == flag;

        public override int GetHashCode() => HashCode.Combine(key, flag);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom(key);
            sink.Space();
            sink.Atom(flag.Name);
        }

        internal override void Collect(SearchNeeds needs) => needs.ReadsFlags = true;
    }

    /// <summary>UID sequence-set, or UID $.</summary>
    private sealed class UidKey : SearchQuery
    {
        private readonly UidSet uids;

        public UidKey(UidSet uids)
        {
            ArgumentNullException.ThrowIfNull(uids);
            if (uids.IsEmpty)
            {
                throw new ArgumentException("An empty set cannot be sent: a sequence-set has at least one element (RFC 9051 §9).", nameof(uids));
            }

            this.uids = uids;
        }

        public override bool Equals(SearchQuery? other) => other is UidKey u && u.uids == uids;

        public override int GetHashCode() => uids.GetHashCode();

        internal override void Write(ISearchSink sink)
        {
            sink.Atom("UID");
            sink.Space();
            sink.Set(uids);
        }

        internal override void Collect(SearchNeeds needs)
        {
            if (uids.IsSavedResult)
            {
                needs.Require("SEARCHRES", "UID $");
                needs.UsesSavedResult = true;
            }
        }
    }

    /// <summary>A sequence-set of message numbers, or <c>$</c>.</summary>
    private sealed class SequenceKey : SearchQuery
    {
        private readonly SequenceSet numbers;

        public SequenceKey(SequenceSet numbers)
        {
            ArgumentNullException.ThrowIfNull(numbers);
            if (numbers.IsEmpty)
            {
                throw new ArgumentException("An empty set cannot be sent: a sequence-set has at least one element (RFC 9051 §9).", nameof(numbers));
            }

            this.numbers = numbers;
        }

        public override bool Equals(SearchQuery? other) => other is SequenceKey s && s.numbers == numbers;

        public override int GetHashCode() => numbers.GetHashCode();

        internal override void Write(ISearchSink sink) => sink.Set(numbers);

        internal override void Collect(SearchNeeds needs)
        {
            if (numbers.IsSavedResult)
            {
                needs.Require("SEARCHRES", "$");
                needs.UsesSavedResult = true;
            }
            else
            {
                needs.UsesSequenceNumbers = true;
            }
        }
    }

    /// <summary>MODSEQ [entry-name entry-type-req] mod-sequence-valzer (RFC 7162 §3.1.5).</summary>
    private sealed class ModSeqKey : SearchQuery
    {
        private readonly ulong value;
        private readonly MessageFlag? flag;
        private readonly ModSeqEntryType type;

        public ModSeqKey(ulong value, MessageFlag? flag, ModSeqEntryType type)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (ulong)long.MaxValue);
            if (type is < ModSeqEntryType.All or > ModSeqEntryType.Shared)
            {
                throw new ArgumentOutOfRangeException(nameof(type), type, "An entry type is priv, shared or all (RFC 7162 §3.1.5).");
            }

            this.value = value;
            this.flag = flag;
            this.type = type;
        }

        public override bool Equals(SearchQuery? other) => other is ModSeqKey m && m.value == value && m.flag == flag && (flag is null || m.type == type);

        public override int GetHashCode() => HashCode.Combine(value, flag);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom("MODSEQ");
            if (flag is { } f)
            {
                // entry-flag-name = DQUOTE "/flags/" attr-flag DQUOTE; the writer escapes the "\" of a system flag.
                sink.Space();
                sink.String("/flags/" + f.Name.ToLowerInvariant());
                sink.Space();
                sink.Atom(type switch
                {
                    ModSeqEntryType.Private => "priv",
                    ModSeqEntryType.Shared => "shared",
                    _ => "all",
                });
            }

            sink.Space();
            sink.Number(value);
        }

        internal override void Collect(SearchNeeds needs) => needs.Require("CONDSTORE", "MODSEQ");
    }

    /// <summary>Keys side by side: all must match.</summary>
    private sealed class AllOf(SearchQuery[] terms) : SearchQuery
    {
        public IReadOnlyList<SearchQuery> Terms => terms;

        public override bool Equals(SearchQuery? other) => other is AllOf a && a.Terms.SequenceEqual(terms);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var term in terms)
            {
                hash.Add(term);
            }

            return hash.ToHashCode();
        }

        internal override void Write(ISearchSink sink)
        {
            for (int i = 0; i < terms.Length; i++)
            {
                if (i != 0)
                {
                    sink.Space();
                }

                terms[i].WriteSingle(sink);
            }
        }

        internal override void WriteSingle(ISearchSink sink)
        {
            sink.Open();
            Write(sink);
            sink.Close();
        }

        internal override void Collect(SearchNeeds needs)
        {
            foreach (var term in terms)
            {
                term.Collect(needs);
            }
        }
    }

    /// <summary>OR search-key search-key.</summary>
    private sealed class Either(SearchQuery left, SearchQuery right) : SearchQuery
    {
        private SearchQuery Left => left;

        private SearchQuery Right => right;

        public override bool Equals(SearchQuery? other) => other is Either e && e.Left.Equals(left) && e.Right.Equals(right);

        public override int GetHashCode() => HashCode.Combine("OR", left, right);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom("OR");
            sink.Space();
            left.WriteSingle(sink);
            sink.Space();
            right.WriteSingle(sink);
        }

        internal override void Collect(SearchNeeds needs)
        {
            left.Collect(needs);
            right.Collect(needs);
        }
    }

    /// <summary>NOT search-key.</summary>
    private sealed class Negation(SearchQuery inner) : SearchQuery
    {
        private SearchQuery Inner => inner;

        public override bool Equals(SearchQuery? other) => other is Negation n && n.Inner.Equals(inner);

        public override int GetHashCode() => HashCode.Combine("NOT", inner);

        internal override void Write(ISearchSink sink)
        {
            sink.Atom("NOT");
            sink.Space();
            inner.WriteSingle(sink);
        }

        internal override void Collect(SearchNeeds needs) => inner.Collect(needs);
    }
}
