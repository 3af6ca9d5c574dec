using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Utf8Transcoder = System.Text.Unicode.Utf8;

namespace Imap.Protocol;

/// <summary>
/// Builds one command (RFC 9051 §2.2.1, §9) into a pooled, growable buffer, choosing for every argument the safest form
/// the grammar and the connection's capabilities allow, and rejecting what cannot be sent safely.
/// </summary>
/// <remarks>
/// <para>
/// The command is built privately and reaches the wire only once it is complete, so an argument that is rejected
/// (with <see cref="ArgumentException"/>, before any of its bytes are written) means nothing is sent.
/// </para>
/// <para>
/// Rules: NUL is never sent (except inside <see cref="WriteLiteral8"/>, whose purpose is binary data). A string that
/// holds CR, LF or any other control character is sent as a literal, so it can never end the command line. Quoted
/// strings escape <c>"</c> and <c>\</c>. 8-bit text is quoted as UTF-8 only when UTF-8 is in force, else it goes in a
/// literal (mailbox names use modified UTF-7 instead). Strings of more than <see cref="MaxQuotedLength"/> bytes are
/// literals, to keep command lines short. A flag or keyword that is not an atom, an unpaired surrogate, and an empty set
/// are rejected. Nothing depends on the current culture.
/// </para>
/// <para>
/// A synchronizing literal <c>{n}</c> splits the command: the sender must stop after its CRLF and wait for the
/// server's "+" (RFC 9051 §7.5). Those offsets are the <see cref="ContinuationPoints"/>; <see cref="GetSegment"/> gives
/// the pieces between them.
/// </para>
/// </remarks>
internal sealed class CommandWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>Longest string, in bytes after escaping, that is sent quoted or as an atom rather than as a literal.</summary>
    public const int MaxQuotedLength = 1024;

    private const int StackLimit = 512;

    private static readonly byte[] InboxWire = "INBOX"u8.ToArray();

    private byte[] _buffer;
    private int _written;
    private List<int>? _continuations;
    private List<int>? _uploadOffsets;
    private List<Range>? _secrets;
    private int _secretStart = -1;
    private int _listDepth;
    private bool _complete;

    /// <summary>Creates a writer for one command.</summary>
    /// <param name="options">What the capabilities allow.</param>
    /// <param name="initialCapacity">Bytes to rent up front.</param>
    public CommandWriter(CommandWriterOptions options, int initialCapacity = 256)
    {
        Options = options;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>What the capabilities allow.</summary>
    public CommandWriterOptions Options { get; private set; }

    /// <summary>The size of the buffer now held (it grows as needed).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Number of bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>
    /// Offsets just after each synchronizing literal's <c>{n}</c> CRLF, ascending: the sender stops there until the
    /// server sends "+" (RFC 9051 §7.5), or abandons the rest if the server answers with a tagged response instead.
    /// </summary>
    public ReadOnlySpan<int> ContinuationPoints =>
        _continuations is null ? ReadOnlySpan<int>.Empty : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_continuations);

    /// <summary>Number of pieces the command is sent in: one more than the continuation points.</summary>
    public int SegmentCount => (_continuations?.Count ?? 0) + 1;

    /// <summary>
    /// Where the data of each literal written by <see cref="WriteUploadHeader"/> goes, ascending: the sender writes it
    /// from its source at that offset, which is not in the buffer.
    /// </summary>
    public ReadOnlySpan<int> UploadOffsets =>
        _uploadOffsets is null ? ReadOnlySpan<int>.Empty : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_uploadOffsets);

    /// <summary>True once <see cref="EndCommand"/> has written the final CRLF.</summary>
    public bool IsComplete => _complete;

    /// <summary>The piece of the command before continuation point <paramref name="index"/> (and after the previous one).</summary>
    /// <param name="index">0 to <see cref="SegmentCount"/> - 1.</param>
    public ReadOnlyMemory<byte> GetSegment(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SegmentCount);
        var points = ContinuationPoints;
        int start = index == 0 ? 0 : points[index - 1];
        int end = index == points.Length ? _written : points[index];
        return _buffer.AsMemory(start, end - start);
    }

    /// <summary>Forgets the command so the writer can build another, keeping its buffer.</summary>
    /// <param name="options">The options for the next command (capabilities change after STARTTLS, login, ENABLE).</param>
    public void Reset(CommandWriterOptions options)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        Options = options;
        _written = 0;
        _continuations?.Clear();
        _secrets?.Clear();
        _secretStart = -1;
        _listDepth = 0;
        _uploadOffsets?.Clear();
        _complete = false;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Writes the command tag (RFC 9051 §9 <c>tag</c>: ASTRING-CHARs except "+"); it must come first.</summary>
    /// <exception cref="ArgumentException">The tag is empty or holds a character a tag cannot.</exception>
    public void WriteTag(ReadOnlySpan<byte> tag)
    {
        if (_written != 0)
        {
            throw new InvalidOperationException("The tag starts the command.");
        }

        if (tag.IsEmpty || !AllOf(tag, static b => IsAstringChar(b) && b != (byte)'+'))
        {
            throw new ArgumentException("A tag is one or more ASTRING-CHARs other than \"+\" (RFC 9051 §9).", nameof(tag));
        }

        WriteBytes(tag);
    }

    /// <summary>Writes an atom: a command name or keyword (RFC 9051 §9 <c>atom</c>).</summary>
    /// <exception cref="ArgumentException">The atom is empty or holds a character outside ATOM-CHAR.</exception>
    public void WriteAtom(ReadOnlySpan<byte> atom)
    {
        if (atom.IsEmpty || !AllOf(atom, IsAtomChar))
        {
            throw new ArgumentException("An atom is one or more ATOM-CHARs (RFC 9051 §9).", nameof(atom));
        }

        WriteBytes(atom);
    }

    /// <summary>
    /// Writes fixed protocol text that is not a single atom, such as <c>BODY.PEEK[HEADER]</c> or <c>&lt;0.1024&gt;</c>
    /// (RFC 9051 §9 <c>fetch-att</c>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The text holds a control or 8-bit byte, <c>{</c>, <c>"</c> or <c>\</c>: it could end the line or open a literal
    /// or a quoted string.
    /// </exception>
    public void WriteRaw(ReadOnlySpan<byte> text)
    {
        if (!AllOf(text, static b => b is >= 0x20 and <= 0x7E and not (byte)'{' and not (byte)'"' and not (byte)'\\'))
        {
            throw new ArgumentException("Protocol text is printable ASCII without '{', '\"' or '\\'.", nameof(text));
        }

        WriteBytes(text);
    }

    /// <summary>Writes one space (RFC 9051 §9 <c>SP</c>).</summary>
    public void WriteSpace() => WriteByte((byte)' ');

    /// <summary>Writes a number in decimal (RFC 9051 §9 <c>number</c>, <c>number64</c>, <c>mod-sequence-value</c>).</summary>
    public void WriteNumber(ulong value)
    {
        Utf8Formatter.TryFormat(value, GetSpan(20), out int written);
        _written += written;
    }

    /// <summary>
    /// Writes an <c>astring</c> (RFC 9051 §9): an atom when every character is an ASTRING-CHAR, else a quoted string
    /// when that is safe, else a literal.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds NUL or an unpaired surrogate.</exception>
    public void WriteAstring(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteText(value, allowAtom: true, nameof(value));
    }

    /// <summary>
    /// Writes bytes as an <c>astring</c> (RFC 9051 §9), such as a mailbox name exactly as the server sent it (its
    /// identity when it did not decode): an atom, a quoted string or a literal, as for <see cref="WriteAstring(string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes hold NUL.</exception>
    public void WriteAstring(ReadOnlySpan<byte> value) => WriteEncoded(value, allowAtom: true, nameof(value));

    /// <summary>Writes a <c>string</c> (RFC 9051 §9): quoted when that is safe, else a literal; never an atom.</summary>
    /// <exception cref="ArgumentException">The value holds NUL or an unpaired surrogate.</exception>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteText(value, allowAtom: false, nameof(value));
    }

    /// <summary>Writes an <c>nstring</c> (RFC 9051 §9): <c>NIL</c> for null, else as <see cref="WriteString"/>.</summary>
    /// <exception cref="ArgumentException">The value holds NUL or an unpaired surrogate.</exception>
    public void WriteNString(string? value)
    {
        if (value is null)
        {
            WriteBytes("NIL"u8);
        }
        else
        {
            WriteText(value, allowAtom: false, nameof(value));
        }
    }

    /// <summary>
    /// Writes a <c>literal</c> (RFC 9051 §9): non-synchronizing <c>{n+}</c> when the literal mode allows it
    /// (RFC 7888), else <c>{n}</c> followed by a continuation point.
    /// </summary>
    /// <exception cref="ArgumentException">The data holds NUL, which a literal cannot (CHAR8); use <see cref="WriteLiteral8"/>.</exception>
    public void WriteLiteral(ReadOnlySpan<byte> data)
    {
        if (data.Contains((byte)0))
        {
            throw new ArgumentException("A literal cannot hold NUL (RFC 9051 §9 CHAR8); binary data needs literal8.", nameof(data));
        }

        WriteLiteralCore(data, binary: false);
    }

    /// <summary>
    /// Writes a <c>literal8</c>, <c>~{n}</c> (RFC 3516 §4.4, RFC 9051 §9), which may hold any octet including NUL. It is
    /// non-synchronizing, <c>~{n+}</c>, only under LITERAL+: the RFC 4466 grammar allows "+" when the server has both
    /// LITERAL+ and BINARY, while RFC 9051 §9 gives literal8 no "+", so under LITERAL- and IMAP4rev2 it synchronizes.
    /// </summary>
    public void WriteLiteral8(ReadOnlySpan<byte> data) => WriteLiteralCore(data, binary: true);

    /// <summary>
    /// Writes a <c>mailbox</c> (RFC 9051 §9): <c>INBOX</c> for any case of "INBOX" (RFC 9051 §5.1); otherwise the name
    /// in UTF-8 when UTF-8 is in force (RFC 6855 §3), else in modified UTF-7 (RFC 3501 §5.1.3); then as an astring.
    /// </summary>
    /// <exception cref="ArgumentException">The name holds NUL or an unpaired surrogate.</exception>
    public void WriteMailbox(string name) => WriteMailboxCore(name, report: false);

    /// <summary>
    /// Writes a <c>mailbox</c> as <see cref="WriteMailbox"/> does and returns the name's bytes as written (before any
    /// quoting): the form the server echoes in its answers, for a command that recognises its answer by name.
    /// </summary>
    /// <exception cref="ArgumentException">The name holds NUL or an unpaired surrogate.</exception>
    /// <remarks>The bytes for INBOX are one array shared by every command: a caller reads them and never changes them.</remarks>
    public byte[] WriteMailboxReportingWire(string name) => WriteMailboxCore(name, report: true)!;

    private byte[]? WriteMailboxCore(string name, bool report)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            WriteBytes("INBOX"u8);
            return report ? InboxWire : null;
        }

        if (Options.Names is { } names && names.TryGetWire(name, out byte[]? wire))
        {
            // A name the server sent in a form that does not round-trip: its own bytes name its mailbox.
            WriteEncoded(wire, allowAtom: true, nameof(name));
            return wire;
        }

        if (Options.Utf8)
        {
            return WriteText(name, allowAtom: true, nameof(name), report);
        }

        int max = ModifiedUtf7.GetMaxByteCount(name.Length);
        byte[]? rented = null;
        Span<byte> encoded = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var written = encoded[..ModifiedUtf7.Encode(name, encoded)];
            WriteEncoded(written, allowAtom: true, nameof(name));
            return report ? written.ToArray() : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Writes a flag a client may store or append (RFC 9051 §9 <c>flag</c>): a system flag such as <c>\Seen</c>, a
    /// <c>\</c> extension flag, or a keyword, which must be an atom. <c>\Recent</c> is refused: the server alone sets
    /// it (RFC 3501 §2.3.2) and IMAP4rev2 removed it (RFC 9051 Appendix E).
    /// </summary>
    /// <exception cref="ArgumentException">The flag is empty, not an atom, or <c>\Recent</c>.</exception>
    public void WriteFlag(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ValidateFlag(flag, nameof(flag));
        WriteAscii(flag);
    }

    /// <summary>Writes a <c>flag-list</c> (RFC 9051 §9) of typed flags.</summary>
    /// <exception cref="ArgumentException">The set holds <c>\Recent</c>; then nothing is written.</exception>
    public void WriteFlagList(FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        WriteFlagList(flags.WireNames);
    }

    /// <summary>Writes a <c>flag-list</c> (RFC 9051 §9): the flags in parentheses, separated by spaces.</summary>
    /// <exception cref="ArgumentException">A flag is rejected as by <see cref="WriteFlag"/>; then nothing is written.</exception>
    public void WriteFlagList(IEnumerable<string> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var list = flags as IReadOnlyList<string> ?? [.. flags];
        foreach (string flag in list)
        {
            ArgumentNullException.ThrowIfNull(flag, nameof(flags));
            ValidateFlag(flag, nameof(flags));
        }

        WriteByte((byte)'(');
        for (int i = 0; i < list.Count; i++)
        {
            if (i != 0)
            {
                WriteByte((byte)' ');
            }

            WriteAscii(list[i]);
        }

        WriteByte((byte)')');
    }

    /// <summary>Writes a set of UIDs as a <c>sequence-set</c> (RFC 9051 §9), or <c>$</c> (RFC 5182 §3).</summary>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public void WriteSet(UidSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        WriteSet(set.Numbers, nameof(set));
    }

    /// <summary>Writes a set of message sequence numbers as a <c>sequence-set</c> (RFC 9051 §9), or <c>$</c> (RFC 5182 §3).</summary>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public void WriteSet(SequenceSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        WriteSet(set.Numbers, nameof(set));
    }

    /// <summary>Opens a parenthesised list.</summary>
    public void BeginList()
    {
        WriteByte((byte)'(');
        _listDepth++;
    }

    /// <summary>Closes the innermost parenthesised list.</summary>
    /// <exception cref="InvalidOperationException">No list is open.</exception>
    public void EndList()
    {
        if (_listDepth == 0)
        {
            throw new InvalidOperationException("No list is open.");
        }

        WriteByte((byte)')');
        _listDepth--;
    }

    /// <summary>
    /// Writes a <c>date-time</c> (RFC 9051 §9), as in APPEND: <c>"dd-Mon-yyyy hh:mm:ss +zzzz"</c> with English month
    /// names, in the value's own offset, to the second.
    /// </summary>
    public void WriteDateTime(DateTimeOffset value)
    {
        var span = GetSpan(28);
        span[0] = (byte)'"';
        WriteDigits(span.Slice(1, 2), value.Day);
        span[3] = (byte)'-';
        MonthName(value.Month).CopyTo(span[4..]);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 4), value.Year);
        span[12] = (byte)' ';
        WriteDigits(span.Slice(13, 2), value.Hour);
        span[15] = (byte)':';
        WriteDigits(span.Slice(16, 2), value.Minute);
        span[18] = (byte)':';
        WriteDigits(span.Slice(19, 2), value.Second);
        span[21] = (byte)' ';
        int offset = (int)value.Offset.TotalMinutes;
        span[22] = offset < 0 ? (byte)'-' : (byte)'+';
        offset = Math.Abs(offset);
        WriteDigits(span.Slice(23, 2), offset / 60);
        WriteDigits(span.Slice(25, 2), offset % 60);
        span[27] = (byte)'"';
        _written += 28;
    }

    /// <summary>Writes a SEARCH <c>date</c> (RFC 9051 §9 <c>date-text</c>): <c>d-Mon-yyyy</c>, English month names.</summary>
    public void WriteSearchDate(DateOnly date)
    {
        var span = GetSpan(11);
        int length = 0;
        if (date.Day >= 10)
        {
            span[length++] = (byte)('0' + (date.Day / 10));
        }

        span[length++] = (byte)('0' + (date.Day % 10));
        span[length++] = (byte)'-';
        MonthName(date.Month).CopyTo(span[length..]);
        length += 3;
        span[length++] = (byte)'-';
        WriteDigits(span.Slice(length, 4), date.Year);
        _written += length + 4;
    }

    /// <summary>Ends the command with CRLF; nothing more can be written until <see cref="Reset"/>.</summary>
    /// <exception cref="InvalidOperationException">A list is still open.</exception>
    public void EndCommand()
    {
        if (_listDepth != 0)
        {
            throw new InvalidOperationException("A list is still open.");
        }

        WriteBytes("\r\n"u8);
        _complete = true;
    }

    /// <summary>
    /// Marks what is written from here to <see cref="EndSecret"/> as secret (a password, a SASL response): a protocol
    /// trace shows it as "***".
    /// </summary>
    public void BeginSecret() => _secretStart = _written;

    /// <summary>Ends the secret begun by <see cref="BeginSecret"/>.</summary>
    public void EndSecret()
    {
        if (_secretStart < 0)
        {
            throw new InvalidOperationException("No secret was begun.");
        }

        (_secrets ??= []).Add(_secretStart.._written);
        _secretStart = -1;
    }

    /// <summary>The byte ranges marked secret, in order.</summary>
    public IReadOnlyList<Range> Secrets => (IReadOnlyList<Range>?)_secrets ?? [];

    /// <summary>Whether any part of the command was marked secret.</summary>
    public bool HasSecrets => _secrets is { Count: > 0 };

    /// <summary>
    /// Appends another complete command after this complete one, so that both go out in one write (the dispatcher
    /// coalesces commands this way). Both must be single segments: no synchronizing literal in either.
    /// </summary>
    /// <param name="command">The other command's bytes, CRLF included.</param>
    public void AppendCommand(ReadOnlySpan<byte> command)
    {
        if (!_complete || _continuations is { Count: > 0 })
        {
            throw new InvalidOperationException("Only a complete command without continuation points can lead a batch.");
        }

        _complete = false;
        WriteBytes(command);
        _complete = true;
    }

    /// <summary>
    /// True when a SEARCH with this string must say <c>CHARSET UTF-8</c> (RFC 9051 §6.4.4, RFC 3501 §6.4.4): it holds
    /// non-ASCII characters and UTF-8 is not in force (under UTF8=ACCEPT or IMAP4rev2 strings are UTF-8 already).
    /// </summary>
    public bool NeedsSearchCharset(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !Options.Utf8 && !Ascii.IsValid(value);
    }

    private static bool IsAtomChar(byte b) =>
        b is > 0x20 and < 0x7F and not ((byte)'(' or (byte)')' or (byte)'{' or (byte)'%' or (byte)'*' or (byte)'"' or (byte)'\\' or (byte)']');

    private static bool IsAstringChar(byte b) => IsAtomChar(b) || b == (byte)']';

    private static bool AllOf(ReadOnlySpan<byte> bytes, Func<byte, bool> predicate)
    {
        foreach (byte b in bytes)
        {
            if (!predicate(b))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> MonthName(int month) => "JanFebMarAprMayJunJulAugSepOctNovDec"u8.Slice((month - 1) * 3, 3);

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void ValidateFlag(string flag, string paramName)
    {
        var atom = flag.AsSpan(flag.StartsWith('\\') ? 1 : 0);
        foreach (char c in atom)
        {
            if (c > 0x7F || !IsAtomChar((byte)c))
            {
                atom = default;
                break;
            }
        }

        if (atom.IsEmpty)
        {
            throw new ArgumentException("A flag is a keyword atom or \"\\\" and an atom (RFC 9051 §9 flag).", paramName);
        }

        if (atom.Length != flag.Length && atom.Equals("Recent", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("\\Recent is set only by the server (RFC 3501 §2.3.2) and IMAP4rev2 removed it (RFC 9051).", paramName);
        }
    }

    private void WriteSet(NumberSet set, string paramName)
    {
        if (set.IsEmpty)
        {
            throw new ArgumentException("An empty set cannot be sent: a sequence-set has at least one element (RFC 9051 §9).", paramName);
        }

        _written += set.Format(GetSpan(set.GetFormattedLength()));
    }

    private byte[]? WriteText(ReadOnlySpan<char> value, bool allowAtom, string paramName, bool report = false)
    {
        int max = checked(value.Length * 3);
        byte[]? rented = null;
        Span<byte> utf8 = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var status = Utf8Transcoder.FromUtf16(value, utf8, out _, out int length, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new ArgumentException("The string holds an unpaired surrogate, which has no UTF-8 form.", paramName);
            }

            WriteEncoded(utf8[..length], allowAtom, paramName);
            return report ? utf8[..length].ToArray() : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Chooses atom, quoted string or literal for bytes that are already in their wire encoding.
    private void WriteEncoded(ReadOnlySpan<byte> value, bool allowAtom, string paramName)
    {
        bool atom = allowAtom && !value.IsEmpty;
        bool quotable = true;
        int escapes = 0;
        foreach (byte b in value)
        {
            if (b == 0)
            {
                throw new ArgumentException("NUL cannot be sent in any IMAP string (RFC 9051 §9 CHAR8).", paramName);
            }

            if (b >= 0x80)
            {
                atom = false;
                quotable &= Options.Utf8;
            }
            else if (b < 0x20 || b == 0x7F)
            {
                // TEXT-CHAR allows controls other than CR and LF in a quoted string, but servers differ on them; a
                // literal carries any of them safely and CR or LF can then never end the line.
                atom = false;
                quotable = false;
            }
            else
            {
                atom &= IsAstringChar(b);
                if (b is (byte)'"' or (byte)'\\')
                {
                    escapes++;
                }
            }
        }

        if (value.Length + escapes > MaxQuotedLength)
        {
            atom = quotable = false;
        }

        if (atom)
        {
            WriteBytes(value);
        }
        else if (quotable)
        {
            var span = GetSpan(value.Length + escapes + 2);
            int n = 0;
            span[n++] = (byte)'"';
            foreach (byte b in value)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    span[n++] = (byte)'\\';
                }

                span[n++] = b;
            }

            span[n++] = (byte)'"';
            _written += n;
        }
        else
        {
            WriteLiteralCore(value, binary: false);
        }
    }

    /// <summary>
    /// Writes the header of a literal of <paramref name="length"/> bytes whose data the sender writes from a source
    /// (APPEND from a stream, each message of a MULTIAPPEND, each text of a CATENATE): <c>{n+}</c> or <c>{n}</c> as for
    /// <see cref="WriteLiteral"/>, and adds its place to <see cref="UploadOffsets"/>.
    /// </summary>
    public void WriteUploadHeader(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        bool nonSynchronizing = Options.LiteralMode switch
        {
            LiteralMode.LiteralPlus => true,
            LiteralMode.LiteralMinus => length <= CommandWriterOptions.LiteralMinusLimit,
            _ => false,
        };
        WriteBytes("{"u8);
        WriteNumber((ulong)length);
        WriteBytes(nonSynchronizing ? "+}\r\n"u8 : "}\r\n"u8);
        if (!nonSynchronizing)
        {
            (_continuations ??= []).Add(_written);
        }

        (_uploadOffsets ??= []).Add(_written);
    }

    private void WriteLiteralCore(ReadOnlySpan<byte> data, bool binary)
    {
        bool nonSynchronizing = Options.LiteralMode switch
        {
            LiteralMode.LiteralPlus => true,
            LiteralMode.LiteralMinus => !binary && data.Length <= CommandWriterOptions.LiteralMinusLimit,
            _ => false,
        };

        // "~{" + 10 digits + "+}" CRLF
        var span = GetSpan(data.Length + 17);
        int n = 0;
        if (binary)
        {
            span[n++] = (byte)'~';
        }

        span[n++] = (byte)'{';
        Utf8Formatter.TryFormat(data.Length, span[n..], out int digits);
        n += digits;
        if (nonSynchronizing)
        {
            span[n++] = (byte)'+';
        }

        span[n++] = (byte)'}';
        span[n++] = (byte)'\r';
        span[n++] = (byte)'\n';
        _written += n;
        if (!nonSynchronizing)
        {
            (_continuations ??= []).Add(_written);
        }

        data.CopyTo(span[n..]);
        _written += data.Length;
    }

    private void WriteAscii(string text)
    {
        var span = GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _written += text.Length;
    }

    private void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _written++;
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    private void Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_complete)
        {
            throw new InvalidOperationException("The command is complete; Reset the writer to build another.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        int size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_written + needed));
        if (size - _written < needed)
        {
            throw new InvalidOperationException("The command is too large.");
        }

        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
