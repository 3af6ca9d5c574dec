using System.Globalization;
using System.Text;

namespace Imap.IntegrationTests;

/// <summary>Plain-text messages of an exact length, for uploads and streamed bodies.</summary>
internal static class TextMessages
{
    /// <summary>
    /// <paramref name="headers"/> (each line ending in CRLF), an empty line, then numbered lines of
    /// <paramref name="line"/> up to exactly <paramref name="length"/> bytes, ending in CRLF.
    /// </summary>
    public static byte[] Build(string headers, string line, int length)
    {
        var text = new StringBuilder(headers).Append("\r\n");
        while (text.Length < length)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {text.Length} {line}\r\n");
        }

        text.Length = length - 2;
        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
