using System.Collections.Frozen;
using System.Text;
using Imap.Dispatch;
using Imap.Protocol;
using Imap.Protocol.Responses;

namespace Imap.Commands;

/// <summary>
/// ID (RFC 2971): sends the client's identification and receives the server's. The ID response names no command, so
/// ID collects it as an exclusive kind.
/// </summary>
internal sealed class IdCommand : PendingCommand<IReadOnlyDictionary<string, string?>>
{
    /// <summary>Most field/value pairs in one ID (RFC 2971 §3.3).</summary>
    public const int MaxFields = 30;

    /// <summary>Longest field name, in octets (RFC 2971 §3.3).</summary>
    public const int MaxFieldLength = 30;

    /// <summary>Longest value, in octets (RFC 2971 §3.3).</summary>
    public const int MaxValueLength = 1024;

    private readonly KeyValuePair<string, string?>[] fields;
    private IdResponse? response;

    /// <summary>Validates the client's fields against RFC 2971 §3.3 before anything is queued.</summary>
    /// <exception cref="ArgumentException">Too many fields, an empty, too long or repeated name, a too long value, or NUL.</exception>
    public IdCommand(IReadOnlyDictionary<string, string?>? clientFields)
    {
        fields = clientFields is null ? [] : [.. clientFields];
        if (fields.Length > MaxFields)
        {
            throw new ArgumentException($"ID allows at most {MaxFields} fields (RFC 2971 §3.3); got {fields.Length}.", nameof(clientFields));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrEmpty(name) || Encoding.UTF8.GetByteCount(name) > MaxFieldLength)
            {
                throw new ArgumentException($"An ID field name has 1 to {MaxFieldLength} octets (RFC 2971 §3.3): \"{name}\".", nameof(clientFields));
            }

            if (value is not null && Encoding.UTF8.GetByteCount(value) > MaxValueLength)
            {
                throw new ArgumentException($"The value of ID field \"{name}\" is longer than {MaxValueLength} octets (RFC 2971 §3.3).", nameof(clientFields));
            }

            if (name.Contains('\0', StringComparison.Ordinal) || (value?.Contains('\0', StringComparison.Ordinal) ?? false))
            {
                throw new ArgumentException($"ID field \"{name.Replace("\0", "\\0", StringComparison.Ordinal)}\" holds NUL, which no IMAP string can carry.", nameof(clientFields));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"ID field \"{name}\" is given twice; field names ignore case (RFC 2971 §3.3).", nameof(clientFields));
            }
        }
    }

    public override string Name => "ID";

    public override CommandTraits Traits => CommandTraits.None;

    public override UntaggedKinds Collects => UntaggedKinds.Id;

    public override bool IsSelectionIndependent => true;

    /// <summary>ASCII fields are written the same whether UTF-8 is in force or not.</summary>
    public override bool IsEncodingNeutral =>
        fields.All(f => System.Text.Ascii.IsValid(f.Key) && (f.Value is null || System.Text.Ascii.IsValid(f.Value)));

    public override void Write(CommandWriter writer)
    {
        writer.WriteAtom("ID"u8);
        writer.WriteSpace();
        if (fields.Length == 0)
        {
            writer.WriteNString(null);
            return;
        }

        writer.BeginList();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.WriteSpace();
            }

            writer.WriteString(fields[i].Key);
            writer.WriteSpace();
            writer.WriteNString(fields[i].Value);
        }

        writer.EndList();
    }

    public override bool TryClaim(ImapResponse candidate)
    {
        if (response is not null || candidate is not IdResponse id)
        {
            return false;
        }

        response = id;
        return true;
    }

    protected override IReadOnlyDictionary<string, string?> GetResult(TaggedResponse tagged)
    {
        var r = response ?? throw new ImapProtocolException("The server completed ID without an ID response (RFC 2971 §3.2 requires one).");

        // Field names ignore case; a name the server repeats keeps its first value.
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in r.Fields)
        {
            map.TryAdd(name, value);
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
