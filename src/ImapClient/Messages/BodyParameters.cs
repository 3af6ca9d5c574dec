using System.Collections;
using Imap.Mime;

namespace Imap;

/// <summary>
/// The parameters of a Content-Type or Content-Disposition (RFC 2045 §5.1, RFC 2183): the name/value pairs with the
/// values as the server sent them, and decoded views (RFC 2231 continuations and charsets, RFC 2047 encoded words)
/// computed on first access. Names, which are case-insensitive, are in lower case ("charset", "filename*0*") whatever
/// case the server sent (Cyrus sends "CHARSET").
/// </summary>
public sealed class BodyParameters : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly KeyValuePair<string, string>[] raw;
    private IReadOnlyList<KeyValuePair<string, string>>? decoded;

    internal BodyParameters(KeyValuePair<string, string>[] raw)
    {
        this.raw = raw;
    }

    internal static BodyParameters Empty { get; } = new([]);

    /// <summary>The decoded parameters: continuations joined, charsets applied, encoded words decoded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Decoded => decoded ??= ParameterValues.Decode(raw);

    /// <summary>The number of parameters as sent.</summary>
    public int Count => raw.Length;

    /// <summary>A parameter as sent.</summary>
    /// <param name="index">Its position.</param>
    public KeyValuePair<string, string> this[int index] => raw[index];

    /// <summary>The decoded value of a parameter, found by name ignoring case, or null.</summary>
    /// <param name="name">The parameter name, e.g. "charset" or "filename".</param>
    public string? this[string name]
    {
        get
        {
            foreach (var pair in Decoded)
            {
                if (pair.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)raw).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
