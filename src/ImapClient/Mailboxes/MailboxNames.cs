namespace Imap;

/// <summary>
/// The one place where mailbox names and list patterns from the caller are checked, before anything is queued. What
/// passes is sent safely by the command writer (atom, quoted string or literal; modified UTF-7 or UTF-8).
/// </summary>
internal static class MailboxNames
{
    /// <summary>
    /// A name that already exists or is being referred to (SELECT, DELETE, RENAME's source, SUBSCRIBE, STATUS): not
    /// empty, no NUL, valid UTF-16. Other odd characters may exist on old servers and go in a literal.
    /// </summary>
    public static void ValidateExisting(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0)
        {
            throw new ArgumentException("A mailbox name cannot be empty.", paramName);
        }

        ValidateText(name, paramName);
    }

    /// <summary>
    /// A name being created (CREATE, RENAME's target): as <see cref="ValidateExisting"/>, and RFC 9051 §5.1's rule that
    /// a name holds no control character (U+0000–U+001F, U+007F–U+009F), line separator (U+2028) or paragraph
    /// separator (U+2029).
    /// </summary>
    public static void ValidateNew(string name, string paramName)
    {
        ValidateExisting(name, paramName);
        foreach (char c in name)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                throw new ArgumentException(
                    $"A mailbox name cannot hold control characters, U+2028 or U+2029 (RFC 9051 §5.1); found U+{(int)c:X4}.", paramName);
            }
        }
    }

    /// <summary>A LIST reference or pattern: may be empty (LIST "" "" asks for the delimiter); no NUL, valid UTF-16.</summary>
    public static void ValidatePattern(string pattern, string paramName)
    {
        ArgumentNullException.ThrowIfNull(pattern, paramName);
        ValidateText(pattern, paramName);
    }

    private static void ValidateText(string text, string paramName)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A mailbox name cannot hold NUL (RFC 9051 §9 CHAR8).", paramName);
        }

        if (!IsWellFormed(text))
        {
            throw new ArgumentException("The mailbox name holds an unpaired surrogate, which has no UTF-8 or UTF-7 form.", paramName);
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
