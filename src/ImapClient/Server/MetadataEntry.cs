using System.Text;

namespace Imap;

/// <summary>
/// One metadata entry (RFC 5464 §3.2): a name under "/private" or "/shared" and a binary-safe value, or no value (NIL:
/// the entry does not exist, or is to be removed).
/// </summary>
public sealed class MetadataEntry
{
    /// <summary>Creates an entry with a binary value; the bytes are copied.</summary>
    /// <param name="name">The entry name, e.g. "/private/comment" or "/shared/vendor/example/setting".</param>
    /// <param name="value">The value (empty is a value too), or null for NIL (with SETMETADATA: remove the entry).</param>
    public MetadataEntry(string name, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;

        // Spelled out: null converts to an empty ReadOnlyMemory (through its conversion from arrays), not to a null one.
        if (value is not null)
        {
            Value = new ReadOnlyMemory<byte>([.. value]);
        }
    }

    /// <summary>The entry name.</summary>
    public string Name { get; }

    /// <summary>The value's bytes, or null for NIL.</summary>
    public ReadOnlyMemory<byte>? Value { get; }

    /// <summary>Creates an entry whose value is text, stored as UTF-8.</summary>
    /// <param name="name">The entry name.</param>
    /// <param name="value">The text, or null for NIL (with SETMETADATA: remove the entry).</param>
    public static MetadataEntry FromText(string name, string? value) =>
        new(name, value is null ? null : Encoding.UTF8.GetBytes(value));

    /// <summary>The value as UTF-8 text (invalid sequences replaced), or null for NIL.</summary>
    public string? GetText() => Value is { } value ? Encoding.UTF8.GetString(value.Span) : null;

    /// <inheritdoc/>
    public override string ToString() => Value is { } value ? $"{Name} ({value.Length} bytes)" : $"{Name} NIL";
}
