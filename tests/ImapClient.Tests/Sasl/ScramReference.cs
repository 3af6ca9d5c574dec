using System.Security.Cryptography;
using System.Text;

namespace Imap.Tests.Sasl;

/// <summary>
/// The RFC 5802 §3 formulas written out once more, independently of the library, for exchanges the RFCs give no
/// example of (channel binding). Checked itself against the RFC 7677 example in <see cref="ScramReferenceTests"/>.
/// </summary>
internal static class ScramReference
{
    public static (string ClientFinal, string ServerSignature) ClientFinal(
        HashAlgorithmName hash, string user, string password, string gs2Header, byte[] bindingData, string clientNonce, string serverFirst)
    {
        string serverNonce = serverFirst.Split(',')[0][2..];
        byte[] salt = Convert.FromBase64String(serverFirst.Split(',')[1][2..]);
        int iterations = int.Parse(serverFirst.Split(',')[2][2..], System.Globalization.CultureInfo.InvariantCulture);
        int length = hash == HashAlgorithmName.SHA1 ? 20 : 32;

        string clientFirstBare = "n=" + user + ",r=" + clientNonce;
        string withoutProof = "c=" + Convert.ToBase64String([.. Encoding.ASCII.GetBytes(gs2Header), .. bindingData]) + ",r=" + serverNonce;
        byte[] authMessage = Encoding.UTF8.GetBytes(clientFirstBare + "," + serverFirst + "," + withoutProof);

        byte[] salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, hash, length);
        byte[] clientKey = Hmac(hash, salted, "Client Key"u8.ToArray());
        byte[] storedKey = Hash(hash, clientKey);
        byte[] signature = Hmac(hash, storedKey, authMessage);
        byte[] proof = clientKey.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
        byte[] serverSignature = Hmac(hash, Hmac(hash, salted, "Server Key"u8.ToArray()), authMessage);
        return (withoutProof + ",p=" + Convert.ToBase64String(proof), Convert.ToBase64String(serverSignature));
    }

    // IncrementalHash rather than the one-shot types the library uses: the reference should not share its calls.
    private static byte[] Hmac(HashAlgorithmName hash, byte[] key, byte[] data)
    {
        using var hmac = IncrementalHash.CreateHMAC(hash, key);
        hmac.AppendData(data);
        return hmac.GetHashAndReset();
    }

    private static byte[] Hash(HashAlgorithmName hash, byte[] data)
    {
        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(data);
        return h.GetHashAndReset();
    }
}

/// <summary>The test helper reproduces the RFC examples, so that its other answers can be trusted.</summary>
public sealed class ScramReferenceTests
{
    [Test]
    public void The_reference_reproduces_rfc7677_and_rfc5802()
    {
        var sha256 = ScramReference.ClientFinal(HashAlgorithmName.SHA256, "user", "pencil", "n,,", [], "rOprNGfwEbeRWgbNEkqO",
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        var sha1 = ScramReference.ClientFinal(HashAlgorithmName.SHA1, "user", "pencil", "n,,", [], "fyko+d2lbbFgONRv9qkxdawL",
            "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");

        Assert.That(sha256.ClientFinal, Is.EqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        Assert.That(sha256.ServerSignature, Is.EqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
        Assert.That(sha1.ClientFinal, Is.EqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        Assert.That(sha1.ServerSignature, Is.EqualTo("rmF9pqV8S7suAoZWja4dJRkFsKQ="));
    }
}
