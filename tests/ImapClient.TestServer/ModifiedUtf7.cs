using System.Text;

namespace Imap.TestServer;

/// <summary>The modified UTF-7 of RFC 3501 section 5.1.3, which Dovecot uses for Maildir++ folder names on disk.</summary>
internal static class ModifiedUtf7
{
    /// <summary>Encodes <paramref name="name"/>.</summary>
    public static string Encode(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        var pending = new StringBuilder();
        foreach (var c in name)
        {
            if (c is >= (char)0x20 and <= (char)0x7E)
            {
                Flush(builder, pending);
                builder.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Append(c);
            }
        }

        Flush(builder, pending);
        return builder.ToString();
    }

    private static void Flush(StringBuilder builder, StringBuilder pending)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var base64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(pending.ToString())).TrimEnd('=').Replace('/', ',');
        builder.Append('&').Append(base64).Append('-');
        pending.Clear();
    }
}
