using System.Text;

namespace Imap.Sasl;

/// <summary>
/// The <c>saslname</c> of GS2 headers (RFC 5801 §4, RFC 5802 §7): a user name with "=" written "=3D" and ","
/// written "=2C", so that it cannot end the attribute it stands in.
/// </summary>
internal static class SaslName
{
    public static string Escape(string name)
    {
        if (name.AsSpan().IndexOfAny('=', ',') < 0)
        {
            return name;
        }

        var escaped = new StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            _ = c switch
            {
                '=' => escaped.Append("=3D"),
                ',' => escaped.Append("=2C"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
