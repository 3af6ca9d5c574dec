using System.Text;

namespace Upload;

/// <summary>Reads the Message-ID header of an .eml file without loading the body.</summary>
internal static class MessageId
{
    /// <summary>The Message-ID (with its angle brackets), or null when the header section has none.</summary>
    public static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.Latin1);
        string? current = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                // A folded continuation of the header before (RFC 5322 §2.2.3).
                current = current is null ? null : current + line;
                continue;
            }

            if (Value(current) is { } found)
            {
                return found;
            }

            if (line.Length == 0)
            {
                return null;   // the end of the header section
            }

            current = line;
        }

        return Value(current);
    }

    private static string? Value(string? field)
    {
        const string Name = "Message-ID:";
        if (field is null || !field.StartsWith(Name, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string value = field[Name.Length..].Trim();
        return value.Length == 0 ? null : value;
    }
}
