using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Imap.Sasl;
using Imap.Tests.Support;

namespace Imap.Tests.Sasl;

/// <summary>The tls-server-end-point binding (RFC 5929 §4): out of .NET's SEC_CHANNEL_BINDINGS block, or from the certificate.</summary>
public sealed class TlsServerEndPointTests
{
    [Test]
    public void The_prefix_and_header_are_stripped_from_the_channel_bindings_block()
    {
        byte[] hash = SHA256.HashData("certificate"u8);
        byte[] block = Block([.. "tls-server-end-point:"u8, .. hash]);

        Assert.That(TlsServerEndPoint.FromSecChannelBindings(block), Is.EqualTo(hash));
    }

    [Test]
    public void Data_without_the_prefix_is_taken_as_is()
    {
        byte[] hash = SHA384.HashData("certificate"u8);

        Assert.That(TlsServerEndPoint.FromSecChannelBindings(Block(hash)), Is.EqualTo(hash));
    }

    [Test]
    public void A_block_whose_offsets_point_outside_it_gives_nothing()
    {
        byte[] block = Block(SHA256.HashData("x"u8));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(24), 1000);

        Assert.That(TlsServerEndPoint.FromSecChannelBindings(block), Is.Null);
        Assert.That(TlsServerEndPoint.FromSecChannelBindings(new byte[16]), Is.Null);
        Assert.That(TlsServerEndPoint.FromSecChannelBindings(Block("tls-server-end-point:"u8.ToArray())), Is.Null, "a prefix and no hash");
    }

    [Test]
    public void The_certificate_hash_follows_its_signature_algorithm()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        using var sha384 = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var ecdsaSha256 = SelfSignedCertificate.Localhost;

        Assert.That(TlsServerEndPoint.FromCertificate(sha384), Is.EqualTo(SHA384.HashData(sha384.RawData)));
        Assert.That(TlsServerEndPoint.FromCertificate(ecdsaSha256), Is.EqualTo(SHA256.HashData(ecdsaSha256.RawData)));
    }

    [Test]
    public void A_sha1_signed_certificate_is_hashed_with_sha256()
    {
        // CertificateRequest refuses SHA-1 itself; a generator that signs with it stands in for an old CA.
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=old", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var sha1 = request.Create(
            new X500DistinguishedName("CN=old"), new Sha1RsaSignatureGenerator(rsa), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), [1]);
        Assert.That(sha1.SignatureAlgorithm.Value, Is.EqualTo("1.2.840.113549.1.1.5"), "the test certificate really is sha1WithRSAEncryption");

        Assert.That(TlsServerEndPoint.FromCertificate(sha1), Is.EqualTo(SHA256.HashData(sha1.RawData)));
    }

    [Test]
    public void A_pss_signed_certificate_has_no_binding()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=pss", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        using var pss = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.That(TlsServerEndPoint.FromCertificate(pss), Is.Null);
    }

    private static byte[] Block(byte[] data)
    {
        byte[] block = new byte[32 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(24), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(28), 32);
        data.CopyTo(block, 32);
        return block;
    }

    /// <summary>Signs with sha1WithRSAEncryption (OID 1.2.840.113549.1.1.5, NULL parameters).</summary>
    private sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
            [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, new HashAlgorithmName("SHA1"), RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1).PublicKey;
    }
}
