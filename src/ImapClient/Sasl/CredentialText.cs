using System.Text;

namespace Imap.Sasl;

/// <summary>Checks on what the caller hands to a mechanism, made before anything is sent.</summary>
internal static class CredentialText
{
    /// <summary>A user name or password must be non-empty and free of NUL, which no mechanism here can carry.</summary>
    public static void RequireNoNul(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The value cannot contain NUL.", paramName);
        }
    }

    /// <summary>Values inside ^A-separated messages (XOAUTH2, OAUTHBEARER) must not hold control characters.</summary>
    public static void RequireNoControl(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The value cannot contain the control character U+{(int)c:X4}.", paramName);
            }
        }
    }

    /// <summary>
    /// An access token is an RFC 6750 §2.1 <c>b64token</c>: <c>1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="</c>.
    /// Anything else would break the message it is sent in.
    /// </summary>
    public static void RequireBearerToken(string token, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(token, paramName);
        int end = token.Length;
        while (end > 0 && token[end - 1] == '=')
        {
            end--;
        }

        if (end == 0)
        {
            throw new ArgumentException("An access token needs at least one character before any '='.", paramName);
        }

        for (int i = 0; i < end; i++)
        {
            char c = token[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                throw new ArgumentException($"An access token (RFC 6750 b64token) cannot contain '{(char.IsControl(c) ? '?' : c)}' (U+{(int)c:X4}).", paramName);
            }
        }
    }

    /// <summary>Server text kept for a message: UTF-8 when valid, with control characters replaced, at most 1,000 chars.</summary>
    public static string DecodeServerText(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 1000)]);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
