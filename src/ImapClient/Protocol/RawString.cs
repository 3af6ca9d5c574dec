using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Imap.Protocol;

/// <summary>
/// A string value as it stands in the response buffer: a slice and how it was written. Valid only while the frame is
/// buffered; converting it to a <see cref="string"/> or an array is the allocation the caller asked for.
/// </summary>
internal readonly struct RawString
{
    public RawString(ReadOnlySequence<byte> bytes, StringKind kind)
    {
        Bytes = bytes;
        Kind = kind;
    }

    public static RawString Nil => new(ReadOnlySequence<byte>.Empty, StringKind.Nil);

    /// <summary>The bytes between the quotes, the literal's data, or the atom.</summary>
    public ReadOnlySequence<byte> Bytes { get; }

    public StringKind Kind { get; }

    public bool IsNil => Kind == StringKind.Nil;

    /// <summary>Length of the value in bytes once escapes are removed.</summary>
    public long ValueLength
    {
        get
        {
            if (Kind != StringKind.QuotedEscaped)
            {
                return Bytes.Length;
            }

            long escapes = 0;
            bool pending = false;
            foreach (var segment in Bytes)
            {
                foreach (byte b in segment.Span)
                {
                    if (pending)
                    {
                        pending = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        escapes++;
                        pending = true;
                    }
                }
            }

            return Bytes.Length - escapes;
        }
    }

    /// <summary>Copies the value, escapes removed, into <paramref name="destination"/>, which must be large enough.</summary>
    public int CopyValueTo(Span<byte> destination)
    {
        if (Kind != StringKind.QuotedEscaped)
        {
            Bytes.CopyTo(destination);
            return (int)Bytes.Length;
        }

        int written = 0;
        bool pending = false;
        foreach (var segment in Bytes)
        {
            foreach (byte b in segment.Span)
            {
                if (!pending && b == (byte)'\\')
                {
                    pending = true;
                    continue;
                }

                pending = false;
                destination[written++] = b;
            }
        }

        return written;
    }

    /// <summary>The value as bytes, escapes removed.</summary>
    public byte[] ToArray()
    {
        if (IsNil)
        {
            return [];
        }

        var array = new byte[ValueLength];
        CopyValueTo(array);
        return array;
    }

    /// <summary>
    /// The value as text: UTF-8 (RFC 9051, RFC 6855) when the bytes are valid UTF-8, otherwise Latin-1, so that a
    /// server sending raw 8-bit legacy text loses nothing.
    /// </summary>
    public string GetString()
    {
        if (IsNil)
        {
            return string.Empty;
        }

        long length = ValueLength;
        if (length > int.MaxValue)
        {
            throw new InvalidOperationException("The string is too long to be converted to text.");
        }

        if (Kind != StringKind.QuotedEscaped && Bytes.IsSingleSegment)
        {
            return Decode(Bytes.FirstSpan);
        }

        byte[]? rented = null;
        Span<byte> buffer = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent((int)length));
        try
        {
            int written = CopyValueTo(buffer);
            return Decode(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Compares the value with ASCII text, ignoring ASCII case.</summary>
    public bool EqualsIgnoreCase(ReadOnlySpan<byte> ascii)
    {
        if (Kind == StringKind.QuotedEscaped || !Bytes.IsSingleSegment)
        {
            Span<byte> buffer = stackalloc byte[64];
            if (ValueLength != ascii.Length || ascii.Length > buffer.Length)
            {
                return ValueLength == ascii.Length && GetString().Equals(Encoding.ASCII.GetString(ascii), StringComparison.OrdinalIgnoreCase);
            }

            int written = CopyValueTo(buffer);
            return Ascii.EqualsIgnoreCase(buffer[..written], ascii);
        }

        return Ascii.EqualsIgnoreCase(Bytes.FirstSpan, ascii);
    }

    internal static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }
}
