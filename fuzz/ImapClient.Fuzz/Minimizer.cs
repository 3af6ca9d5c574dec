namespace Imap.Fuzz;

/// <summary>
/// Shrinks a finding's input while it still fails the same way (same exception type thrown from the same place, or
/// the same kind of finding), removing ever smaller blocks of bytes and then simplifying single bytes, so that it can
/// be read and kept as a regression input.
/// </summary>
public static partial class Minimizer
{

    public static byte[] Minimize(Targets.Target target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        string? signature = Signature(target, input) ?? throw new ArgumentException("The input does not fail.", nameof(input));
        var current = input;
        for (int block = Math.Max(1, current.Length / 2); block >= 1; block /= 2)
        {
            for (int at = 0; at + block <= current.Length;)
            {
                byte[] shorter = [.. current.AsSpan(0, at), .. current.AsSpan(at + block)];
                if (Signature(target, shorter) == signature)
                {
                    current = shorter;
                }
                else
                {
                    at += block;
                }
            }
        }

        // Printable bytes read better: try 'a' in place of each byte that is not structure.
        for (int i = 0; i < current.Length; i++)
        {
            if (current[i] is (byte)'a' or (byte)' ' or (byte)'\r' or (byte)'\n' or FuzzInput.SegmentMark or FuzzInput.ReadMark)
            {
                continue;
            }

            byte[] simpler = [.. current];
            simpler[i] = (byte)'a';
            if (Signature(target, simpler) == signature)
            {
                current = simpler;
            }
        }

        return current;
    }

    /// <summary>What kind of failure the input causes, or null when it causes none.</summary>
    public static string? Signature(Targets.Target target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target(input);
            return null;
        }
        catch (FuzzFindingException ex)
        {
            var inner = ex.InnerException;
            return inner is null ? Kind(ex.Message) : $"{inner.GetType().FullName} at {FirstFrame(inner)}";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().FullName} at {FirstFrame(ex)}";
        }
    }

    /// <summary>A finding's message with its numbers (event index, counts) taken out: the kind, as it shrinks.</summary>
    private static string Kind(string message) => Digits().Replace(message, "N");

    [System.Text.RegularExpressions.GeneratedRegex("[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    private static string FirstFrame(Exception ex)
    {
        string trace = ex.StackTrace ?? string.Empty;
        foreach (string line in trace.Split('\n'))
        {
            if (line.Contains("at Imap.", StringComparison.Ordinal))
            {
                int at = line.IndexOf(" in ", StringComparison.Ordinal);
                return (at < 0 ? line : line[..at]).Trim();
            }
        }

        return string.Empty;
    }
}
