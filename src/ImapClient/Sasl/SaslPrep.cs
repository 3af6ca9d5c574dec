using System.Text;
using Imap.Protocol;

namespace Imap.Sasl;

/// <summary>
/// SASLprep (RFC 4013, a profile of stringprep RFC 3454), as SCRAM applies it to the password (RFC 5802 §2.2
/// <c>Normalize</c>), treating it as a query string.
/// </summary>
/// <remarks>
/// What is done: non-ASCII spaces (RFC 3454 table C.1.2) become U+0020; the "commonly mapped to nothing" characters
/// (table B.1) are removed; the result is normalized to NFKC; then any prohibited character (tables C.2.1, C.2.2,
/// C.3, C.4, C.5 (a lone surrogate), C.6, C.7, C.8 and C.9) is refused with an <see cref="ArgumentException"/>.
/// What is not: the bidirectional check of RFC 3454 §6 (.NET exposes no bidi classes; such a password is sent
/// normalized rather than refused), and the unassigned-code-point check (not required for query strings), and
/// NFKC uses the runtime's Unicode version, not Unicode 3.2. Printable ASCII passes unchanged, so the common case is
/// exact. The user name is not prepared, only escaped (RFC 5802 §5.1 makes preparing it a SHOULD, and servers compare
/// names as stored).
/// </remarks>
internal static class SaslPrep
{
    /// <summary>Prepares <paramref name="value"/>.</summary>
    /// <param name="value">The string to prepare.</param>
    /// <param name="paramName">The parameter named in an exception.</param>
    /// <exception cref="ArgumentException">A prohibited character, a lone surrogate, or nothing left after mapping.</exception>
    public static string Prepare(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPrintableAscii(value))
        {
            return value;
        }

        var mapped = new StringBuilder(value.Length);
        int index = 0;
        while (index < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out Rune rune, out int used) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException($"The value holds a lone surrogate at index {index} (RFC 3454 table C.5).", paramName);
            }

            index += used;
            if (IsNonAsciiSpace(rune.Value))
            {
                mapped.Append(' ');
            }
            else if (!IsMappedToNothing(rune.Value))
            {
                mapped.Append(rune.ToString());
            }
        }

        string normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        foreach (Rune rune in normalized.EnumerateRunes())
        {
            if (IsProhibited(rune.Value))
            {
                throw new ArgumentException($"The value holds U+{rune.Value:X4}, which SASLprep prohibits (RFC 4013 §2.3).", paramName);
            }
        }

        if (normalized.Length == 0)
        {
            throw new ArgumentException("The value is empty once SASLprep removed the characters it maps to nothing.", paramName);
        }

        return normalized;
    }

    private static bool IsPrintableAscii(string value) => !AsciiRanges.HasNonPrintable(value);

    /// <summary>RFC 3454 table C.1.2.</summary>
    private static bool IsNonAsciiSpace(int c) =>
        c is 0x00A0 or 0x1680 or (>= 0x2000 and <= 0x200B) or 0x202F or 0x205F or 0x3000;

    /// <summary>RFC 3454 table B.1.</summary>
    private static bool IsMappedToNothing(int c) =>
        c is 0x00AD or 0x034F or 0x1806 or (>= 0x180B and <= 0x180D) or (>= 0x200B and <= 0x200D) or 0x2060
            or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF;

    /// <summary>RFC 4013 §2.3: tables C.1.2 (after mapping, via NFKC), C.2.1 to C.9.</summary>
    private static bool IsProhibited(int c) =>
        IsNonAsciiSpace(c)

        // C.2.1 ASCII control characters
        || c is <= 0x1F or 0x7F

        // C.2.2 non-ASCII control characters
        || c is (>= 0x80 and <= 0x9F) or 0x06DD or 0x070F or 0x180E or 0x200C or 0x200D or 0x2028 or 0x2029
            or (>= 0x2060 and <= 0x2063) or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
            or (>= 0x1D173 and <= 0x1D17A)

        // C.3 private use
        || c is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0xFFFFD) or (>= 0x100000 and <= 0x10FFFD)

        // C.4 non-character code points
        || c is (>= 0xFDD0 and <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE

        // C.5 surrogates (only reachable through normalization output, which never makes them; kept for the table)
        || c is >= 0xD800 and <= 0xDFFF

        // C.6 inappropriate for plain text, C.7 for canonical representation
        || c is (>= 0xFFF9 and <= 0xFFFD) or (>= 0x2FF0 and <= 0x2FFB)

        // C.8 change display properties or deprecated
        || c is 0x0340 or 0x0341 or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x206A and <= 0x206F)

        // C.9 tagging characters
        || c is 0xE0001 or (>= 0xE0020 and <= 0xE007F);
}
