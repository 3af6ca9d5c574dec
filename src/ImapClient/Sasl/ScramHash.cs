using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Imap.Sasl;

/// <summary>The hash a SCRAM variant is built on: SHA-1 (RFC 5802) or SHA-256 (RFC 7677).</summary>
internal enum ScramHash
{
    Sha1,
    Sha256,
}

/// <summary>H, HMAC and Hi of RFC 5802 §2.2 for each <see cref="ScramHash"/>.</summary>
internal static class ScramHashFunctions
{
    public static string MechanismName(this ScramHash hash) => hash == ScramHash.Sha1 ? "SCRAM-SHA-1" : "SCRAM-SHA-256";

    public static int Length(this ScramHash hash) => hash == ScramHash.Sha1 ? SHA1.HashSizeInBytes : SHA256.HashSizeInBytes;

    /// <summary>H(str).</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SCRAM-SHA-1 is defined on SHA-1 (RFC 5802); it is chosen only when the server offers no SCRAM-SHA-256.")]
    public static byte[] Hash(this ScramHash hash, ReadOnlySpan<byte> data) =>
        hash == ScramHash.Sha1 ? SHA1.HashData(data) : SHA256.HashData(data);

    /// <summary>HMAC(key, str).</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SCRAM-SHA-1 is defined on SHA-1 (RFC 5802); it is chosen only when the server offers no SCRAM-SHA-256.")]
    public static byte[] Hmac(this ScramHash hash, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) =>
        hash == ScramHash.Sha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);

    /// <summary>Hi(str, salt, i): PBKDF2 with HMAC as the pseudo-random function and one block of output (RFC 5802 §2.2).</summary>
    public static byte[] Hi(this ScramHash hash, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, hash == ScramHash.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256, hash.Length());
}
