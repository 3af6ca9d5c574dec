using System.Buffers.Binary;
using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Authentication.ExtendedProtection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Imap.Sasl;

/// <summary>
/// The tls-server-end-point channel binding (RFC 5929 §4): a hash of the server's certificate, with the hash of the
/// certificate's signature algorithm, except that MD5 and SHA-1 are replaced by SHA-256.
/// </summary>
/// <remarks>
/// .NET hands it out as a <see cref="ChannelBinding"/> whose memory is a Windows SEC_CHANNEL_BINDINGS structure
/// (eight 32-bit little-endian fields; the last two are the length and offset of the application data) followed by
/// the data, which is the prefix "tls-server-end-point:" and then the hash; Linux (OpenSSL) and Windows (SChannel)
/// agree on this layout. When the platform gives nothing, the hash is computed from the certificate directly.
/// </remarks>
internal static class TlsServerEndPoint
{
    private const int HeaderSize = 32;

    private static ReadOnlySpan<byte> Prefix => "tls-server-end-point:"u8;

    /// <summary>The binding data of an authenticated TLS stream, or null when there is none to be had.</summary>
    public static byte[]? From(SslStream tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        try
        {
            using ChannelBinding? handle = tls.TransportContext?.GetChannelBinding(ChannelBindingKind.Endpoint);
            if (handle is not null && !handle.IsInvalid && handle.Size > 0)
            {
                byte[] raw = new byte[handle.Size];
                Marshal.Copy(handle.DangerousGetHandle(), raw, 0, raw.Length);
                if (FromSecChannelBindings(raw) is { } data)
                {
                    return data;
                }
            }
        }
        catch (Exception e) when (e is NotSupportedException or PlatformNotSupportedException or CryptographicException or ObjectDisposedException)
        {
            // Some platforms have no channel bindings; fall back to the certificate below.
        }

        return tls.RemoteCertificate is { } certificate ? FromCertificate(certificate) : null;
    }

    /// <summary>The application data of a SEC_CHANNEL_BINDINGS block without its "tls-server-end-point:" prefix.</summary>
    /// <param name="raw">The structure and the data that follows it.</param>
    /// <returns>The hash, or null when the block is too short or its offsets point outside it.</returns>
    public static byte[]? FromSecChannelBindings(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < HeaderSize)
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(raw[24..]);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(raw[28..]);
        if (length == 0 || offset < HeaderSize || offset > raw.Length || length > raw.Length - offset)
        {
            return null;
        }

        var data = raw.Slice((int)offset, (int)length);
        if (data.StartsWith(Prefix))
        {
            data = data[Prefix.Length..];
        }

        return data.IsEmpty ? null : data.ToArray();
    }

    /// <summary>
    /// The hash computed from the certificate (RFC 5929 §4.1), or null when its signature algorithm names no single
    /// hash (RSASSA-PSS keeps it in parameters, Ed25519 has none): RFC 5929 leaves those undefined. The certificate
    /// is not disposed: it belongs to the caller.
    /// </summary>
    public static byte[]? FromCertificate(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate is not X509Certificate2 full)
        {
            // SslStream always hands out an X509Certificate2; a bare X509Certificate names no signature algorithm.
            return null;
        }

        byte[] der = full.RawData;
        return full.SignatureAlgorithm.Value switch
        {
            // md5WithRSA, sha1WithRSA, sha256WithRSA, ecdsa-with-SHA1, ecdsa-with-SHA256, dsa-with-sha1, dsa-with-sha256
            "1.2.840.113549.1.1.4" or "1.2.840.113549.1.1.5" or "1.2.840.113549.1.1.11" or "1.2.840.10045.4.1"
                or "1.2.840.10045.4.3.2" or "1.2.840.10040.4.3" or "2.16.840.1.101.3.4.3.2" => SHA256.HashData(der),

            // sha384WithRSA, ecdsa-with-SHA384
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => SHA384.HashData(der),

            // sha512WithRSA, ecdsa-with-SHA512
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => SHA512.HashData(der),
            _ => null,
        };
    }
}
