using System.Globalization;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>The parts GETMETADATA and SETMETADATA share (RFC 5464): entry names, values, and the METADATA response code.</summary>
internal static class MetadataSyntax
{
    /// <summary>
    /// Checks an entry name (RFC 5464 §3.2): "/private" or "/shared", then "/"-separated parts; no "*" or "%" (they
    /// are wildcards elsewhere), no empty part, no trailing "/", printable US-ASCII only. The bare "/private" or
    /// "/shared" is accepted only where a whole tree may be asked for (GETMETADATA with DEPTH).
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks one of these rules.</exception>
    public static void ValidateEntry(string name, bool allowBarePrefix, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        int prefix = name.StartsWith("/private", StringComparison.OrdinalIgnoreCase) ? 8
            : name.StartsWith("/shared", StringComparison.OrdinalIgnoreCase) ? 7
            : -1;
        if (prefix < 0 || (name.Length > prefix && name[prefix] != '/'))
        {
            throw new ArgumentException($"A metadata entry name starts with \"/private\" or \"/shared\" (RFC 5464 §3.2): \"{Show(name)}\".", paramName);
        }

        if (name.Length == prefix && !allowBarePrefix)
        {
            throw new ArgumentException($"\"{name}\" is a tree of entries, not an entry (RFC 5464 §3.2).", paramName);
        }

        foreach (char c in name)
        {
            if (c is < ' ' or > '~' or '*' or '%')
            {
                throw new ArgumentException($"A metadata entry name is printable US-ASCII without \"*\" or \"%\" (RFC 5464 §3.2): \"{Show(name)}\".", paramName);
            }
        }

        if (name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/'))
        {
            throw new ArgumentException($"A metadata entry name has no empty part and no trailing \"/\" (RFC 5464 §3.2): \"{Show(name)}\".", paramName);
        }
    }

    /// <summary>
    /// Writes a value (RFC 5464 §5 <c>value = nstring / literal8</c>): NIL for none; printable ASCII as a quoted string
    /// (or a literal when long); any other bytes as a literal, so CR, LF and 8-bit data arrive as they are; NUL only
    /// in a literal8, which the caller has checked the server accepts (BINARY).
    /// </summary>
    public static void WriteValue(CommandWriter writer, ReadOnlyMemory<byte>? value)
    {
        if (value is not { } bytes)
        {
            writer.WriteNString(null);
            return;
        }

        var span = bytes.Span;
        if (span.Contains((byte)0))
        {
            writer.WriteLiteral8(span);
        }
        else if (IsPrintableAscii(span))
        {
            writer.WriteString(System.Text.Encoding.ASCII.GetString(span));
        }
        else
        {
            writer.WriteLiteral(span);
        }
    }

    /// <summary>
    /// n of [METADATA LONGENTRIES n] in an OK (RFC 5464 §4.2.1): null when there is no such code.
    /// </summary>
    /// <exception cref="ImapProtocolException">The code is there but n is not a number an octet count can be.</exception>
    public static long? LongEntries(ResponseCode? code)
    {
        if (code is not { Kind: ResponseCodeKind.Metadata, Argument: { } argument } || !StartsWithWord(argument, "LONGENTRIES"))
        {
            return null;
        }

        // Entries were left out: reporting none because the size cannot be read would make the result look complete.
        return SizeAfter(argument, "LONGENTRIES".Length)
            ?? throw new ImapProtocolException($"The server sent [METADATA {argument}], whose size is not a number of octets (RFC 5464 §4.2.1).");
    }

    /// <summary>n of [METADATA MAXSIZE n] in a NO (RFC 5464 §4.3), or null when absent or not a number.</summary>
    public static long? MaxSize(ResponseCode code) =>
        code.Argument is { } argument && StartsWithWord(argument, "MAXSIZE") ? SizeAfter(argument, "MAXSIZE".Length) : null;

    /// <summary>The error for a NO or BAD: <see cref="MetadataException"/> when it carries a METADATA code.</summary>
    public static ImapException ToException(string command, TaggedResponse tagged)
    {
        if (tagged.Code is { Kind: ResponseCodeKind.Metadata } code)
        {
            string argument = code.Argument ?? string.Empty;
            var problem = argument.StartsWith("MAXSIZE", StringComparison.OrdinalIgnoreCase) ? MetadataProblem.MaxSize
                : argument.Equals("TOOMANY", StringComparison.OrdinalIgnoreCase) ? MetadataProblem.TooMany
                : argument.Equals("NOPRIVATE", StringComparison.OrdinalIgnoreCase) ? MetadataProblem.NoPrivate
                : MetadataProblem.Other;
            return new MetadataException(command, tagged.Status == ResponseStatus.No ? ImapStatus.No : ImapStatus.Bad, code, problem, problem == MetadataProblem.MaxSize ? MaxSize(code) : null, tagged.Text);
        }

        return new ImapCommandException(command, tagged.Status == ResponseStatus.No ? ImapStatus.No : ImapStatus.Bad, tagged.Code, tagged.Text);
    }

    /// <summary>Whether two mailbox names are the same on the wire (INBOX in any case is INBOX).</summary>
    public static bool SameMailbox(byte[] wire, byte[] expected) =>
        wire.AsSpan().SequenceEqual(expected)
        || (expected.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(expected, "INBOX"u8) && System.Text.Ascii.EqualsIgnoreCase(wire, "INBOX"u8));

    private static bool StartsWithWord(string argument, string word) =>
        argument.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (argument.Length == word.Length || argument[word.Length] == ' ');

    /// <summary>
    /// The number after <c>SP</c> at <paramref name="start"/>: digits only, 0 to <see cref="long.MaxValue"/> (a
    /// <c>number64</c>); null for anything else, a number too large included.
    /// </summary>
    private static long? SizeAfter(string argument, int start) =>
        argument.Length > start + 1 && argument[start] == ' '
        && long.TryParse(argument.AsSpan(start + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            ? size
            : null;

    private static bool IsPrintableAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static string Show(string name) => name.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
